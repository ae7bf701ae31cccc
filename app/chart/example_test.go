package chart_test

import (
	"fmt"
	"strings"

	"coulisses/app/chart"
	"coulisses/app/fr"
	"coulisses/sandbox/answer"
)

func Example() {
	c := answer.Chart{
		Kind:       answer.Bar,
		Title:      "Billets par jour d'achat",
		XLabel:     "Jour",
		YLabel:     "Billets",
		Format:     answer.Int,
		Categories: []string{"vendredi", "samedi", "dimanche"},
		Series:     []answer.Series{{Name: "Billets", Values: []*float64{answer.V(1100), answer.V(1234), nil}}},
	}
	svg := chart.SVG(c, chart.Options{ID: "jours", Width: 480})
	fmt.Println(strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 `))
	fmt.Println(strings.Contains(svg, `role="img" aria-labelledby="jours-titre jours-desc"`))
	fmt.Println(strings.ReplaceAll(chart.Summary(c), fr.NNBSP, " "))
	t := chart.DataTable(c)
	fmt.Println(t.Columns[0].Name, "|", t.Columns[1].Name, "|", len(t.Rows), "lignes")
	// Output:
	// true
	// true
	// Samedi arrive en tête avec 1 234 billets (52,9 % du total), devant vendredi (1 100 billets ; 47,1 %). Total : 2 334 billets sur 2 catégories. Une valeur manque.
	// Jour | Billets | 3 lignes
}
