// Command contentcheck validates the content directory and reports every
// problem with its file and line. `make content-check` runs it.
//
//	go run ./content/cmd/contentcheck [-dir content]
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"coulisses/content"
)

func main() {
	dir := flag.String("dir", "content", "dossier du contenu")
	flag.Parse()
	c, err := content.Load(os.DirFS(*dir))
	var verr *content.ValidationError
	if errors.As(err, &verr) {
		for _, p := range verr.Problems {
			fmt.Fprintf(os.Stderr, "%s/%s\n", *dir, p)
		}
		fmt.Fprintf(os.Stderr, "\n%d problème(s) : corrigez-les avant de publier.\n", len(verr.Problems))
		os.Exit(1)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	words := 0
	for _, f := range c.Fiches {
		words += f.Words
	}
	questions := 0
	for _, q := range c.Quizzes {
		questions += len(q.Questions)
	}
	fmt.Printf("Contenu valide : %d fiches (%d mots), %d termes de glossaire, %d quiz (%d questions), %d parcours.\n",
		len(c.Fiches), words, len(c.Glossary), len(c.Quizzes), questions, len(c.Paths))
}
