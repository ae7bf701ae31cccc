package app

import "coulisses/sandbox/answer"

// drawChart returns the SVG of a chart ("" when charts are not available).
func drawChart(c answer.Chart) string { return "" }

// chartSummary returns the plain-French summary of a chart.
func chartSummary(c answer.Chart) string { return "" }
