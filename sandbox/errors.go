package sandbox

import "strconv"

// Kind identifies what went wrong (or what was noticed) during an import.
// Kinds are comparable constants usable as sentinel errors with errors.Is:
//
//	if errors.Is(err, sandbox.ErrQuote) { … }
//
// Fatal kinds come back as the error of Import; non-fatal kinds appear in
// Report.Warnings. Package sandbox/fr turns every kind into French.
type Kind string

// Error returns the kind's code, e.g. "quote".
func (k Kind) Error() string { return string(k) }

// Fatal import errors.
const (
	ErrEmpty       Kind = "empty"          // the file has no bytes, or only blanks
	ErrTooLarge    Kind = "too_large"      // the file is above Options.MaxBytes
	ErrBinary      Kind = "binary"         // the file is not text (image, archive, executable…)
	ErrPDF         Kind = "pdf"            // the file is a PDF document
	ErrOldExcel    Kind = "old_excel"      // the file is a legacy .xls (OLE2) workbook
	ErrXLSX        Kind = "xlsx"           // the .xlsx archive is damaged or unreadable
	ErrSheet       Kind = "sheet"          // the requested sheet does not exist
	ErrHeaderOnly  Kind = "header_only"    // a header row but no data rows
	ErrQuote       Kind = "quote"          // a quoted field is never closed
	ErrFieldCount  Kind = "field_count"    // too many rows disagree on the number of columns
	ErrLineTooLong Kind = "line_too_long"  // one record is larger than the parser accepts
	ErrCanceled    Kind = "canceled"       // the context was canceled
	ErrUnknownCol  Kind = "unknown_column" // a type or role override names no column
)

// Non-fatal findings, reported in Report.Warnings.
const (
	WarnOneColumn     Kind = "one_column"     // only one column was found
	WarnMixedEncoding Kind = "mixed_encoding" // bytes invalid in the detected encoding were repaired
	WarnRaggedRows    Kind = "ragged_rows"    // some rows have fewer or more fields than the header
	WarnFooter        Kind = "footer"         // trailing total/footer rows were set aside
	WarnPreamble      Kind = "preamble"       // lines before the header were skipped
	WarnInvalidValues Kind = "invalid_values" // values that do not fit their column's type
	WarnDemoted       Kind = "demoted"        // a column was kept as text: too many values did not fit
	WarnBlankRows     Kind = "blank_rows"     // empty rows were skipped
)

// ImportError says what went wrong and where. Line is the 1-based physical
// line in the file (0 when unknown); Column is the column name when known.
// It unwraps to its Kind:
//
//	var ie *sandbox.ImportError
//	if errors.As(err, &ie) { fmt.Println(ie.Line, ie.Column) }
type ImportError struct {
	Kind   Kind   `json:"kind"`
	Line   int64  `json:"line,omitempty"`
	Column string `json:"column,omitempty"`
	Count  int64  `json:"count,omitempty"`  // how many rows or values are concerned, for warnings
	Detail string `json:"detail,omitempty"` // what was found, in plain words or a short excerpt

	field int // 1-based field index when Column is not known yet
}

// Error formats the error in English for logs; edges use sandbox/fr.
func (e *ImportError) Error() string {
	s := "sandbox: " + string(e.Kind)
	if e.Line > 0 {
		s += " at line " + strconv.FormatInt(e.Line, 10)
	}
	if e.Column != "" {
		s += " in column " + strconv.Quote(e.Column)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap returns the Kind, so errors.Is(err, sandbox.ErrQuote) works.
func (e *ImportError) Unwrap() error { return e.Kind }

func newErr(k Kind, line int64, col, detail string) *ImportError {
	return &ImportError{Kind: k, Line: line, Column: col, Detail: detail}
}
