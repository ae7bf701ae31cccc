package sandbox_test

import (
	"context"
	"fmt"
	"strings"

	"coulisses/sandbox"
)

func ExampleImport() {
	export := "\uFEFFN° commande;Date d'achat;Spectacle;Prix;Code postal\r\n" +
		"1001;14/03/2024 19:05;\"Cœur; battant\";12,50;01000\r\n" +
		"1002;15/03/2024 10:30;Le Misanthrope;1 234,00;75011\r\n" +
		"Total;;;1 246,50;\r\n"
	f, rep, err := sandbox.Import(context.Background(), strings.NewReader(export), int64(len(export)), sandbox.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Encoding, rep.Delimiter, rep.Decimal, rep.Rows, "rows,", rep.FooterRows, "footer row")
	for _, c := range f.Columns() {
		fmt.Printf("%s: %s (%s) %q\n", c.Name, c.Type, c.Role, c.String(0))
	}
	// Output:
	// utf-8 ; , 2 rows, 1 footer row
	// N° commande: identifier (order_id) "1001"
	// Date d'achat: datetime (purchase_date) "2024-03-14 19:05:00"
	// Spectacle: text (event) "Cœur; battant"
	// Prix: decimal (price) "12.5"
	// Code postal: postcode (postcode) "01000"
}

func ExampleFrame() {
	export := "Client;Prix;Date\n7;10,00;04/03/2024\n8;;05/03/2024\n7;30,00;11/03/2024\n"
	f, _, _ := sandbox.Import(context.Background(), strings.NewReader(export), -1, sandbox.Options{})
	prix := f.Col("Prix")
	total := 0.0
	for i := 0; i < f.NumRows(); i++ {
		if prix.Valid(i) {
			total += prix.Float(i)
		}
	}
	date := f.Col("Date")
	fmt.Println(f.NumRows(), "rows; revenue", total, "; missing prices", prix.Missing())
	fmt.Println("first date", date.String(0), "weekday", sandbox.Weekday(date.Ints()[0]))
	// Output:
	// 3 rows; revenue 40 ; missing prices 1
	// first date 2024-03-04 weekday 0
}
