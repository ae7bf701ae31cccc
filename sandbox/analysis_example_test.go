package sandbox_test

import (
	"context"
	"fmt"
	"strings"

	"coulisses/sandbox"
)

const exampleExport = "N° commande;N° client;Date d'achat;Date de représentation;Discipline;Prix\n" +
	"1;7;04/03/2024 10:15;15/03/2024 20:00;Théâtre;20,00\n" +
	"2;8;09/03/2024 12:30;15/03/2024 20:00;Théâtre;15,00\n" +
	"3;7;10/10/2024 18:00;20/10/2024 16:00;Danse;25,00\n"

func exampleFrame() *sandbox.Frame {
	f, _, err := sandbox.Import(context.Background(), strings.NewReader(exampleExport), -1, sandbox.Options{})
	if err != nil {
		panic(err)
	}
	return f
}

func ExampleAsk() {
	f := exampleFrame()
	a, _ := sandbox.Ask(f, "delai-achat", sandbox.Params{})
	fmt.Println(a.Sentence)
	fmt.Println(a.Fiche, a.Rows, a.Tables[0].Title)
	// Output:
	// La moitié des billets sont achetés 10 jours ou moins avant la représentation (délai médian). Le délai moyen est de 9 jours. 33,3 % des billets sont achetés dans les 7 derniers jours, jour même compris. Par discipline, le délai médian va de 8,5 jours (Théâtre) à 10 jours (Danse).
	// 4.02 3 Délai entre l'achat et la représentation
}

func ExampleExplore() {
	f := exampleFrame()
	r, _ := sandbox.DecodeRecipe([]byte(`{"steps":[
		{"op":"derive","kind":"season"},
		{"op":"group","by":[{"name":"saison de représentation"}],"aggs":[{"fn":"sum","col":{"role":"price"}}]}]}`))
	e, _ := sandbox.Explore(f, r)
	fmt.Println(strings.Join(e.Answer.Steps, "\n"))
	for _, row := range e.Answer.Tables[0].Rows {
		fmt.Println(row...)
	}
	// Output:
	// Ajouter la colonne « saison de représentation » (saison (de septembre à août) de « Date de représentation »)
	// Grouper par saison de représentation : somme de Prix
	// 2023-2024 35
	// 2024-2025 25
}

func ExamplePseudonymise() {
	f := exampleFrame()
	key := make([]byte, sandbox.KeySize) // the app draws 32 random bytes once and keeps them
	p, _ := sandbox.Pseudonymise(f, key, "N° client")
	c := p.Col("N° client")
	fmt.Println(c.String(0), c.String(0) == c.String(2), c.Role)
	// Output:
	// ps_gbxjijwxstzpnrdd true customer_id
}

func ExampleShareableAggregates() {
	f := exampleFrame()
	file, preview, _ := sandbox.ShareableAggregates(f, "Théâtre A", 2, "Coulisses")
	fmt.Println(file.Name)
	fmt.Println(strings.SplitN(string(file.Data), "\r\n", 8)[6])
	fmt.Println(preview.Sentence)
	// Output:
	// coulisses-agregats-theatre-a.csv
	// indicateur;discipline;numerateur;denominateur;personnes;masque
	// Le fichier partage 9 indicateurs au plus, pour 2 disciplines et l'ensemble ; 14 cases sont masquées (seuil k = 2 personnes).
}
