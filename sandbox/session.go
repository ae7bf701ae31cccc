package sandbox

import (
	"context"
	"io"
	"time"

	"coulisses/sandbox/answer"
)

// Session is what the engine's Web Worker keeps between messages: the
// imported frame and its report, and the current frame after the privacy
// tools (dropped or pseudonymised columns). Every operation of the worker
// protocol (wasm/engine/main.go) is one method, so the protocol's logic is
// tested here, natively; the worker only converts messages.
type Session struct {
	imported *Frame
	report   *Report
	frame    *Frame
	// Today is the reference date of quality checks (zero: now).
	Today time.Time
	// Generator names the producer in shareable-aggregates files.
	Generator string
}

// Import reads a file into the session (replacing the previous one).
func (s *Session) Import(ctx context.Context, r io.Reader, size int64, opts Options) (*Report, error) {
	s.imported, s.report, s.frame = nil, nil, nil
	if opts.Today.IsZero() {
		opts.Today = s.Today
	}
	f, rep, err := Import(ctx, r, size, opts)
	if err != nil {
		return nil, err
	}
	s.imported, s.report, s.frame = f, rep, f
	return rep, nil
}

// Close forgets the file (its memory can be collected).
func (s *Session) Close() { s.imported, s.report, s.frame = nil, nil, nil }

// Frame returns the current frame (nil before an import).
func (s *Session) Frame() *Frame { return s.frame }

//go:noinline
func (s *Session) need() error {
	if s.frame == nil {
		return &AnalysisError{Kind: ErrNoData}
	}
	return nil
}

// Report describes the current frame.
func (s *Session) Report() (*Report, error) {
	if err := s.need(); err != nil {
		return nil, err
	}
	return RefreshReport(s.frame, s.report, s.Today), nil
}

// Preview returns the first n rows (at most 500) of the current frame.
func (s *Session) Preview(n int) (*answer.Table, error) {
	if err := s.need(); err != nil {
		return nil, err
	}
	if n <= 0 {
		n = 50
	}
	n = min(n, 500, s.frame.rows)
	t := &answer.Table{Title: "Aperçu"}
	var cols []*vcol
	for _, c := range s.frame.cols {
		v := &vcol{name: c.Name, col: c}
		cols = append(cols, v)
		t.Columns = append(t.Columns, col(c.Name, listFormat(v)))
	}
	for i := 0; i < n; i++ {
		row := make([]any, len(cols))
		for k, v := range cols {
			row[k] = v.display(i)
		}
		t.Rows = append(t.Rows, row)
	}
	if s.frame.rows > n {
		t.Note = "Les " + frInt(n) + " premières lignes sur " + frInt(s.frame.rows) + "."
	}
	return t, nil
}

// SetType changes a column's type and returns the new report and the
// values that no longer fit (at most 50).
func (s *Session) SetType(column, typ string) (*Report, []Invalid, error) {
	if err := s.need(); err != nil {
		return nil, nil, err
	}
	t, ok := ParseType(typ)
	if !ok {
		return nil, nil, &ImportError{Kind: ErrUnknownCol, Detail: "type " + typ}
	}
	inv, err := s.frame.SetType(column, t)
	if err != nil {
		return nil, nil, err
	}
	if len(inv) > 50 {
		inv = inv[:50]
	}
	rep, err := s.Report()
	return rep, inv, err
}

// SetRole changes a column's role ("" for none).
func (s *Session) SetRole(column, role string) (*Report, error) {
	if err := s.need(); err != nil {
		return nil, err
	}
	if err := s.frame.SetRole(column, Role(role)); err != nil {
		return nil, err
	}
	return s.Report()
}

// Questions lists the guided questions and what each still needs.
func (s *Session) Questions() ([]QuestionStatus, error) {
	if err := s.need(); err != nil {
		return nil, err
	}
	return Available(s.frame), nil
}

// Ask answers a guided question on the current frame.
func (s *Session) Ask(slug string, p Params) (*answer.Answer, error) {
	if err := s.need(); err != nil {
		return nil, err
	}
	return Ask(s.frame, slug, p)
}

// Explore applies a recipe to the current frame (nil: no step).
func (s *Session) Explore(r *Recipe) (*Exploration, error) {
	if err := s.need(); err != nil {
		return nil, err
	}
	return Explore(s.frame, r)
}

// Personal lists the personal-data columns of the current frame.
func (s *Session) Personal() ([]PersonalColumn, error) {
	if err := s.need(); err != nil {
		return nil, err
	}
	return PersonalColumns(s.frame), nil
}

// Drop removes columns from the current frame.
func (s *Session) Drop(columns []string) (*Report, error) {
	if err := s.need(); err != nil {
		return nil, err
	}
	f, err := Drop(s.frame, columns...)
	if err != nil {
		return nil, err
	}
	s.frame = f
	return s.Report()
}

// Pseudonymise replaces columns of the current frame by keyed tokens.
func (s *Session) Pseudonymise(columns []string, key []byte) (*Report, error) {
	if err := s.need(); err != nil {
		return nil, err
	}
	f, err := Pseudonymise(s.frame, key, columns...)
	if err != nil {
		return nil, err
	}
	s.frame = f
	return s.Report()
}

// Reset goes back to the imported frame (undoing the privacy tools).
func (s *Session) Reset() (*Report, error) {
	if s.imported == nil {
		return nil, &AnalysisError{Kind: ErrNoData}
	}
	s.frame = s.imported
	return s.Report()
}

// ExportRequest says what to export.
type ExportRequest struct {
	What     string  // csv, xlsx, aggregates
	Question string  // the question to export (csv, xlsx) …
	Params   Params  // … with its params,
	Recipe   *Recipe // or the exploration to export
	K        int     // aggregates: threshold (0: DefaultK)
	Venue    string  // aggregates: the venue's name
}

// Export produces a file (and, for aggregates, an answer previewing it).
func (s *Session) Export(req ExportRequest) (*ExportFile, *answer.Answer, error) {
	if err := s.need(); err != nil {
		return nil, nil, err
	}
	if req.What == "aggregates" {
		gen := s.Generator
		if gen == "" {
			gen = "Coulisses"
		}
		return ShareableAggregates(s.frame, req.Venue, req.K, gen)
	}
	if req.What != "csv" && req.What != "xlsx" {
		return nil, nil, &AnalysisError{Kind: ErrExport, Detail: "what " + req.What, Message: "Export inconnu « " + req.What + " » : choisissez CSV, Excel (.xlsx) ou agrégats partageables."}
	}
	if req.Question != "" {
		a, err := s.Ask(req.Question, req.Params)
		if err != nil {
			return nil, nil, err
		}
		if len(a.Missing) > 0 || len(a.Tables) == 0 {
			return nil, nil, &AnalysisError{Kind: ErrExport, Message: "Cette question n'a pas de tableau à exporter sur ce fichier : " + lowerFirst(a.Sentence)}
		}
		f, err := ExportAnswer(a, req.What)
		return f, nil, err
	}
	e, err := s.Explore(req.Recipe)
	if err != nil {
		return nil, nil, err
	}
	f, err := e.Export(req.What)
	return f, nil, err
}

// NamedFile is a file the user loaded.
type NamedFile struct {
	Name string
	Data []byte
}

// Peers reads partner files and compares the current frame (if any) with
// their pool.
func (s *Session) Peers(files []NamedFile) (*answer.Answer, error) {
	var afs []*AggFile
	for _, nf := range files {
		af, err := ParseAggregates(nf.Name, nf.Data)
		if err != nil {
			return nil, err
		}
		afs = append(afs, af)
	}
	return ComparePeers(s.frame, afs)
}
