package app

import (
	"strings"

	"coulisses/app/chart"
	"coulisses/content"
	"coulisses/sandbox/answer"
)

// drawChart returns the SVG of an answer's chart.
func drawChart(c answer.Chart, id string) string {
	return chart.SVG(c, chart.Options{ID: id, Width: 720})
}

// chartSummary returns the plain-French summary of a chart.
func chartSummary(c answer.Chart) string { return chart.Summary(c) }

// chartTable returns a chart's data as a table, for the accessible table
// under it.
func chartTable(c answer.Chart) answer.Table { return chart.DataTable(c) }

// quizChart turns the table of a quiz question into a bar chart: the
// second column read as numbers (%, € and decimals recognised).
func quizChart(t *content.QuizTable) answer.Chart {
	c := answer.Chart{Kind: answer.Bar, Title: t.Caption, Format: answer.Int}
	if len(t.Columns) > 1 {
		c.XLabel, c.YLabel = t.Columns[0], t.Columns[1]
	}
	s := answer.Series{Name: c.YLabel}
	for _, row := range t.Rows {
		if len(row) < 2 {
			continue
		}
		c.Categories = append(c.Categories, row[0])
		v, ok := content.ParseNumber(row[1])
		cell := strings.TrimSpace(row[1])
		switch {
		case !ok:
			s.Values = append(s.Values, nil)
			continue
		case strings.HasSuffix(cell, "%"):
			c.Format, v = answer.Percent, v/100
		case strings.HasSuffix(cell, "€"):
			c.Format = answer.Euros
		case v != float64(int64(v)):
			c.Format = answer.Decimal
		}
		s.Values = append(s.Values, answer.V(v))
	}
	c.Series = []answer.Series{s}
	return c
}
