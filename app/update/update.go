// Package update brings signed content updates to the app (issue 7, the
// client side of worker/): when a check is due it fetches the manifest,
// verifies its signature and version (worker/manifest), downloads only the
// files that changed, checks each against its SHA-256, validates the merged
// content with content.Load, and only then commits it atomically to the
// device's store. Whatever goes wrong leaves the current content in place
// and is written to a bounded diagnostics journal.
//
// The package is pure Go: no go-app, no syscall/js. The network and the
// store are small interfaces (Fetcher, Store), so every path is tested with
// fakes; app/updates.go wires them to the browser (wasm/browser).
//
// Storage layout (one key-value store, string values):
//
//	contenu/etat              the pointer: applied version, key and digest of its files, ETag, last check…
//	contenu/fichiers/<v>      every content file of version v, in the bundle layout
//	contenu/journal           the diagnostics journal (JSON, newest last)
//
// A commit writes contenu/fichiers/<new> first and then switches
// contenu/etat in a single put: a crash in between leaves the old pointer,
// and the orphan is deleted by the next commit.
package update

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"time"

	"coulisses/content"
	"coulisses/worker/manifest"
)

// Where the worker serves updates (see worker/README.md).
const (
	ManifestPath = "/v1/manifest.json"
	FilesPath    = "/v1/files/"
)

// Store keys.
const (
	KeyState       = "contenu/etat"
	KeyJournal     = "contenu/journal"
	KeyFilesPrefix = "contenu/fichiers/"
)

// DefaultInterval is the time between two automatic checks.
const DefaultInterval = 24 * time.Hour

// downloads is how many files are fetched at once.
const downloads = 4

// Store is the device's key-value store (IndexedDB in the browser).
type Store interface {
	Get(key string) (value string, ok bool, err error)
	Put(key, value string) error
	Delete(key string) error
	Keys() ([]string, error)
}

// Response is what a Fetcher got.
type Response struct {
	Status int
	ETag   string
	Body   []byte
}

// Fetcher fetches from the update origin. It may be called from several
// goroutines at once.
type Fetcher interface {
	// Get fetches url, sending etag (if any) as If-None-Match, and returns
	// at most max+1 bytes of the body. An error means no answer at all:
	// offline, unreachable, refused by CORS, timed out.
	Get(url, etag string, max int64) (Response, error)
}

// Config says where updates come from and what the app ships.
type Config struct {
	// Origin of the update worker, e.g. "https://contenu.coulisses.example"
	// (no trailing slash). Empty: updates are off.
	Origin string
	// PublicKey verifies manifest signatures.
	PublicKey ed25519.PublicKey
	// ShippedVersion is the manifest version of the content shipped with
	// the app, 0 if unknown. Updates not newer than it are ignored.
	ShippedVersion int64
	// AppVersion identifies the app build (GOAPP_VERSION). Stored content
	// validated by the same build is only decoded at start (faster); after
	// an app upgrade it is validated again.
	AppVersion string
	// Interval between automatic checks (DefaultInterval if zero).
	Interval time.Duration
}

// Outcome is what a check did.
type Outcome int

const (
	NotDue   Outcome = iota // checked less than Interval ago
	Disabled                // no origin or no key: updates are off
	Offline                 // no answer from the worker: nothing changed
	UpToDate                // the content is the latest
	Applied                 // a new version is verified, stored and shown
	Rejected                // the update was refused (logged); the content stays
	Failed                  // a transient failure (logged); retried at the next start
)

// Result is the outcome of a check.
type Result struct {
	Outcome Outcome
	// Version of the content after the check.
	Version int64
	// Applied only: the new corpus, what changed and the changelog.
	Corpus    *content.Corpus
	Summary   Summary
	Changelog []string
	// Entry is what was written to the journal, if anything.
	Entry *Entry
	// Downloaded counts the bytes received (manifest and files).
	Downloaded int64
}

// LastUpdate describes the update currently applied.
type LastUpdate struct {
	Version   int64     `json:"version"`
	At        time.Time `json:"le"`
	Published string    `json:"publiee,omitempty"`
	Summary   Summary   `json:"resume"`
	Changelog []string  `json:"changements,omitempty"`
}

// state is the pointer record (KeyState).
type state struct {
	// Version of the applied manifest; 0: the shipped content, as shipped.
	Version int64 `json:"version,omitempty"`
	// FilesKey holds the applied files; "" when they are the shipped ones.
	FilesKey string `json:"cle,omitempty"`
	// Digest is the SHA-256 of the stored value under FilesKey.
	Digest string `json:"empreinte,omitempty"`
	// Base is the SHA-256 of the shipped bundle the version was applied
	// over: another one means the app was upgraded since.
	Base string `json:"base,omitempty"`
	// ValidatedBy is the AppVersion that last validated the files.
	ValidatedBy string `json:"valide_par,omitempty"`
	// ETag of the manifest of Version, for If-None-Match.
	ETag string `json:"etag,omitempty"`
	// Checked is the last time the worker gave a definite answer.
	Checked time.Time   `json:"verifie,omitzero"`
	Last    *LastUpdate `json:"derniere,omitempty"`
}

// Status is what the app shows about updates.
type Status struct {
	Enabled bool
	// Version of the content shown; 0 with Shipped: the shipped content,
	// version unknown.
	Version int64
	Shipped bool
	Checked time.Time
	Last    *LastUpdate
	// Journal, newest first.
	Journal []Entry
}

// Updater checks, applies and remembers content updates.
type Updater struct {
	cfg     Config
	store   Store
	net     Fetcher
	now     func() time.Time
	shipped []byte

	run sync.Mutex // one Open or Check at a time

	mu          sync.Mutex // guards what follows
	st          state
	jr          journal
	files       content.MemFS // the files of the content shown
	shippedHash string
}

// New returns an Updater. shippedBundle is the content bundle the app
// ships (content.Bundle). now is the clock (time.Now if nil).
func New(cfg Config, store Store, net Fetcher, shippedBundle []byte, now func() time.Time) *Updater {
	if now == nil {
		now = time.Now
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	for len(cfg.Origin) > 0 && cfg.Origin[len(cfg.Origin)-1] == '/' {
		cfg.Origin = cfg.Origin[:len(cfg.Origin)-1]
	}
	return &Updater{cfg: cfg, store: store, net: net, now: now, shipped: shippedBundle}
}

// Enabled reports whether updates are configured (origin and key).
func (u *Updater) Enabled() bool {
	return u.cfg.Origin != "" && len(u.cfg.PublicKey) == ed25519.PublicKeySize
}

// Due reports whether an automatic check is due.
func (u *Updater) Due() bool {
	if !u.Enabled() {
		return false
	}
	now := u.now()
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.st.Checked.IsZero() || now.Sub(u.st.Checked) >= u.cfg.Interval || now.Before(u.st.Checked)
}

// Status returns what the app shows about updates. It never waits for a
// running check.
func (u *Updater) Status() Status {
	u.mu.Lock()
	defer u.mu.Unlock()
	s := Status{
		Enabled: u.Enabled(),
		Version: max(u.st.Version, u.cfg.ShippedVersion),
		Shipped: u.st.FilesKey == "",
		Checked: u.st.Checked,
		Last:    u.st.Last,
	}
	for i := len(u.jr) - 1; i >= 0; i-- {
		s.Journal = append(s.Journal, u.jr[i])
	}
	return s
}

// File returns a file of the content shown (e.g. a dataset an update
// brought), by its manifest path.
func (u *Updater) File(path string) ([]byte, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	b, ok := u.files[path]
	return b, ok
}

// Open decides, at start, which content to show and returns it: the
// applied update if there is one, it is intact and it validates, else the
// shipped content (and the journal says why). Only a broken shipped bundle
// makes it fail.
func (u *Updater) Open() (*content.Corpus, error) {
	u.run.Lock()
	defer u.run.Unlock()
	u.loadRecords()
	if corp := u.openApplied(); corp != nil {
		return corp, nil
	}
	files, err := ParseBundle(u.shipped)
	if err != nil {
		return nil, err
	}
	u.mu.Lock()
	u.files = files
	u.mu.Unlock()
	// Validated when the server built it: decoded only.
	return content.Decode(files)
}

func (u *Updater) loadRecords() {
	var st state
	if raw, ok, err := u.store.Get(KeyState); err == nil && ok {
		if json.Unmarshal([]byte(raw), &st) != nil {
			st = state{}
		}
	}
	var jr journal
	if raw, ok, err := u.store.Get(KeyJournal); err == nil && ok {
		jr = decodeJournal(raw)
	}
	u.mu.Lock()
	u.st, u.jr = st, jr
	u.mu.Unlock()
}

// openApplied returns the stored update to show, or nil.
func (u *Updater) openApplied() *content.Corpus {
	st := u.st
	if st.Version == 0 && st.FilesKey == "" {
		return nil
	}
	if st.Base != u.shippedDigest() {
		// The app was upgraded since this version was applied.
		if u.cfg.ShippedVersion == 0 || st.Version <= u.cfg.ShippedVersion || st.FilesKey == "" {
			msg := fmt.Sprintf("Mise à jour du contenu (version %d) mise de côté : l'application a été mise à jour entre-temps ; la prochaine vérification repart du contenu qu'elle livre.", st.Version)
			if u.cfg.ShippedVersion > 0 && st.Version <= u.cfg.ShippedVersion {
				msg = fmt.Sprintf("Mise à jour du contenu (version %d) ignorée : l'application, mise à jour entre-temps, livre un contenu plus récent (version %d).", st.Version, u.cfg.ShippedVersion)
			}
			u.setAside(Entry{Level: LevelInfo, Kind: KindIgnored, Version: st.Version, Message: msg})
			return nil
		}
		// Newer than the new app's content: keep it, validate it again.
		st.ValidatedBy, st.Base = "", u.shippedDigest()
	}
	if st.FilesKey == "" {
		return nil // a newer version number for the shipped content
	}
	broken := func(why string, err error) *content.Corpus {
		e := Entry{Level: LevelFailed, Kind: KindStored, Version: st.Version,
			Message: fmt.Sprintf("Mise à jour du contenu (version %d) %s : le contenu livré avec l'application est affiché ; elle sera téléchargée de nouveau.", st.Version, why)}
		if err != nil {
			e.Detail = err.Error()
		}
		u.setAside(e)
		return nil
	}
	raw, ok, err := u.store.Get(st.FilesKey)
	switch {
	case err != nil:
		// Storage unavailable: show the shipped content for this session,
		// keep the record for the next one.
		u.mu.Lock()
		u.st = state{}
		u.mu.Unlock()
		return nil
	case !ok:
		return broken("introuvable sur cet appareil", nil)
	case hashHex([]byte(raw)) != st.Digest:
		return broken("abîmée sur cet appareil", errors.New("empreinte de l'enregistrement différente"))
	}
	files, err := decodeStored(raw)
	if err != nil {
		return broken("illisible", err)
	}
	validate := st.ValidatedBy == "" || st.ValidatedBy != u.cfg.AppVersion
	var corp *content.Corpus
	if validate {
		corp, err = content.Load(files)
	} else {
		corp, err = content.Decode(files)
	}
	if err != nil {
		e := invalidContent(err, st.Version)
		return broken("refusée par cette version de l'application ("+e.Message+")", err)
	}
	if validate {
		st.ValidatedBy = u.cfg.AppVersion
		u.saveState(st)
	}
	u.mu.Lock()
	u.st, u.files = st, files
	u.mu.Unlock()
	return corp
}

// setAside forgets the applied update (the shipped content will be shown,
// and the next check is due at once) and logs why.
func (u *Updater) setAside(e Entry) {
	u.saveState(state{})
	u.log(e)
	u.gc("")
}

// shippedDigest returns the SHA-256 of the shipped bundle, computed once.
func (u *Updater) shippedDigest() string {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.shippedHash == "" {
		u.shippedHash = hashHex(u.shipped)
	}
	return u.shippedHash
}

// Check looks for an update and applies it. Without force, it does nothing
// unless a check is due. It never changes the content shown unless the
// whole new version is verified, valid and stored.
func (u *Updater) Check(force bool) Result {
	u.run.Lock()
	defer u.run.Unlock()
	if !u.Enabled() {
		return Result{Outcome: Disabled}
	}
	if !force && !u.Due() {
		return Result{Outcome: NotDue, Version: u.version()}
	}
	r := u.check()
	if r.Version == 0 {
		r.Version = u.version()
	}
	return r
}

func (u *Updater) version() int64 {
	u.mu.Lock()
	defer u.mu.Unlock()
	return max(u.st.Version, u.cfg.ShippedVersion)
}

func (u *Updater) check() Result {
	now := u.now()
	u.mu.Lock()
	st, files := u.st, u.files
	u.mu.Unlock()
	current := max(st.Version, u.cfg.ShippedVersion)
	var r Result

	resp, err := u.net.Get(u.cfg.Origin+ManifestPath, st.ETag, manifest.MaxEnvelopeSize)
	r.Downloaded += int64(len(resp.Body))
	if err != nil {
		return u.fail(r, Offline, Entry{Level: LevelInfo, Kind: KindUnreachable,
			Message: "Serveur de mises à jour injoignable (hors ligne ?) : rien n'a changé.", Detail: err.Error()})
	}
	switch resp.Status {
	case 304:
		st.Checked = now
		u.saveState(st)
		r.Outcome = UpToDate
		return r
	case 200:
	default:
		return u.fail(r, Failed, Entry{Level: LevelFailed, Kind: KindServer,
			Message: fmt.Sprintf("Le serveur de mises à jour a répondu %d : rien n'a changé, nouvel essai plus tard.", resp.Status),
			Detail:  truncate(string(resp.Body), 300)})
	}

	m, err := manifest.Verify(u.cfg.PublicKey, resp.Body, current)
	switch {
	case errors.Is(err, manifest.ErrUpToDate):
		st.Checked, st.ETag = now, resp.ETag
		u.saveState(st)
		r.Outcome = UpToDate
		return r
	case errors.Is(err, manifest.ErrReplay):
		// The signature is good (Verify checks it first): read the
		// version offered, to say which.
		offered := offeredVersion(resp.Body)
		e := rejection(err, nil, current)
		e.Version = offered
		if st.Version < u.cfg.ShippedVersion {
			e.Level, e.Kind = LevelInfo, KindIgnored
			e.Message = fmt.Sprintf("Le serveur propose la version %d, plus ancienne que le contenu livré avec l'application (version %d) : ignorée.", offered, u.cfg.ShippedVersion)
		} else {
			e.Message = fmt.Sprintf("Le serveur propose la version %d, plus ancienne que le contenu actuel (version %d) : refusée (ancien manifeste rejoué).", offered, current)
		}
		return u.refuse(r, st, now, e)
	case err != nil:
		return u.refuse(r, st, now, rejection(err, nil, current))
	}

	changes := manifest.Diff(Describe(files), m)
	if changes.Empty() {
		// The same files under a newer version number: adopt it quietly.
		st.Version, st.ETag, st.Checked = m.Version, resp.ETag, now
		if st.FilesKey == "" {
			st.Base = u.shippedDigest()
		}
		u.saveState(st)
		r.Outcome, r.Version = UpToDate, m.Version
		return r
	}

	fetched, n, res := u.download(m, changes, files)
	r.Downloaded += n
	if res != nil {
		r.Outcome, r.Entry = res.Outcome, res.Entry
		if res.Outcome == Rejected {
			return u.refuse(r, st, now, *res.Entry)
		}
		return u.fail(r, res.Outcome, *res.Entry)
	}

	merged := make(content.MemFS, len(m.Files))
	for _, f := range m.Files {
		if b, ok := fetched[f.Path]; ok {
			merged[f.Path] = b
		} else {
			merged[f.Path] = files[f.Path]
		}
	}
	corp, err := content.Load(merged)
	if err != nil {
		return u.refuse(r, st, now, invalidContent(err, m.Version))
	}

	// Commit: the files under a new key, then the pointer in one put.
	key := KeyFilesPrefix + strconv.FormatInt(m.Version, 10)
	val, digest := encodeStored(merged)
	summary := Summarize(changes)
	next := state{
		Version:     m.Version,
		FilesKey:    key,
		Digest:      digest,
		Base:        u.shippedDigest(),
		ValidatedBy: u.cfg.AppVersion,
		ETag:        resp.ETag,
		Checked:     now,
		Last: &LastUpdate{Version: m.Version, At: now, Published: m.Created,
			Summary: summary, Changelog: m.Changelog},
	}
	storageFailed := func(err error) Result {
		u.store.Delete(key)
		return u.fail(r, Failed, Entry{Level: LevelFailed, Kind: KindStorage, Version: m.Version,
			Message: "Enregistrement de la mise à jour impossible sur cet appareil (espace plein ?) : le contenu actuel est conservé, nouvel essai plus tard.",
			Detail:  err.Error()})
	}
	if err := u.store.Put(key, val); err != nil {
		return storageFailed(err)
	}
	if err := u.putState(next); err != nil {
		return storageFailed(err)
	}
	u.mu.Lock()
	u.st, u.files = next, merged
	u.mu.Unlock()
	u.gc(key)
	e := Entry{Level: LevelInfo, Kind: KindApplied, Version: m.Version,
		Message: fmt.Sprintf("Version %d appliquée : %s.", m.Version, summary)}
	u.log(e)
	r.Outcome, r.Version, r.Corpus, r.Summary, r.Changelog, r.Entry = Applied, m.Version, corp, summary, m.Changelog, &e
	return r
}

// download fetches the added and changed files, a few at a time, and
// checks each against the manifest. A file whose bytes the app already
// holds (same SHA-256, in the content shown or the shipped one) is not
// fetched. res is non-nil on failure.
func (u *Updater) download(m manifest.Manifest, c manifest.Changes, have content.MemFS) (map[string][]byte, int64, *Result) {
	byHash := map[string][]byte{}
	shipped, _ := ParseBundle(u.shipped)
	for _, files := range []content.MemFS{shipped, have} {
		for _, b := range files {
			byHash[hashHex(b)] = b
		}
	}
	var todo []manifest.File
	out := map[string][]byte{}
	for _, p := range append(append([]string(nil), c.Added...), c.Changed...) {
		f, _ := m.Lookup(p)
		if b, ok := byHash[f.SHA256]; ok {
			out[p] = b
			continue
		}
		todo = append(todo, f)
	}
	sort.Slice(todo, func(i, j int) bool { return todo[i].Path < todo[j].Path })

	type got struct {
		data []byte
		n    int64
		res  *Result
	}
	results := make([]got, len(todo))
	sem := make(chan struct{}, downloads)
	var wg sync.WaitGroup
	for i, f := range todo {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i] = u.fetchFile(f)
		}()
	}
	wg.Wait()
	var total int64
	for i, g := range results {
		total += g.n
		if g.res != nil {
			return nil, total, g.res
		}
		out[todo[i].Path] = g.data
	}
	return out, total, nil
}

func (u *Updater) fetchFile(f manifest.File) (g struct {
	data []byte
	n    int64
	res  *Result
}) {
	resp, err := u.net.Get(u.cfg.Origin+FilesPath+f.SHA256, "", f.Size)
	g.n = int64(len(resp.Body))
	if err != nil {
		g.res = &Result{Outcome: Failed, Entry: &Entry{Level: LevelFailed, Kind: KindUnreachable,
			Message: fmt.Sprintf("Téléchargement de %s interrompu : rien n'a changé, nouvel essai plus tard.", f.Path), Detail: err.Error()}}
		return g
	}
	if resp.Status != 200 {
		g.res = &Result{Outcome: Failed, Entry: &Entry{Level: LevelFailed, Kind: KindServer,
			Message: fmt.Sprintf("Le serveur de mises à jour a répondu %d pour %s : rien n'a changé, nouvel essai plus tard.", resp.Status, f.Path),
			Detail:  truncate(string(resp.Body), 300)}}
		return g
	}
	data, err := manifest.ReadFile(bytes.NewReader(resp.Body), f)
	if err != nil {
		e := rejection(err, nil, 0)
		outcome := Rejected
		if e.Level == LevelFailed { // truncated: maybe a cut connection
			outcome = Failed
		}
		g.res = &Result{Outcome: outcome, Entry: &e}
		return g
	}
	g.data = data
	return g
}

// refuse records a definite refusal: logged, and no new check before the
// interval (the same refusal would come again).
func (u *Updater) refuse(r Result, st state, now time.Time, e Entry) Result {
	st.Checked = now
	u.saveState(st)
	return u.fail(r, Rejected, e)
}

// fail logs e and returns r with the outcome; the next check may come at
// the next start.
func (u *Updater) fail(r Result, o Outcome, e Entry) Result {
	u.log(e)
	r.Outcome, r.Entry = o, &e
	return r
}

// log appends e to the journal and saves it.
func (u *Updater) log(e Entry) {
	if e.At.IsZero() {
		e.At = u.now()
	}
	u.mu.Lock()
	u.jr = u.jr.add(e)
	data, _ := json.Marshal(u.jr)
	u.mu.Unlock()
	u.store.Put(KeyJournal, string(data))
}

// saveState records st, ignoring storage errors (the in-memory state is
// still right for this session).
func (u *Updater) saveState(st state) {
	u.putState(st)
	u.mu.Lock()
	u.st = st
	u.mu.Unlock()
}

func (u *Updater) putState(st state) error {
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return u.store.Put(KeyState, string(data))
}

// gc deletes the stored versions other than keep.
func (u *Updater) gc(keep string) {
	keys, err := u.store.Keys()
	if err != nil {
		return
	}
	for _, k := range keys {
		if len(k) > len(KeyFilesPrefix) && k[:len(KeyFilesPrefix)] == KeyFilesPrefix && k != keep {
			u.store.Delete(k)
		}
	}
}

// offeredVersion reads the version of an envelope whose signature Verify
// has already checked.
func offeredVersion(envelope []byte) int64 {
	env, err := manifest.ParseEnvelope(envelope)
	if err != nil {
		return 0
	}
	m, err := manifest.Parse(env.Payload)
	if err != nil {
		return 0
	}
	return m.Version
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
