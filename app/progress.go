package app

import (
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/learn"
	"coulisses/wasm/browser"
)

// progressKey is the IndexedDB key of the learner's progress.
const progressKey = "progression"

// store keeps the learner's progress in memory and on the device.
var store = struct {
	sync.Mutex
	state *learn.State
	// failed is set when the browser refuses storage: the app keeps
	// working for the session and says progress will not be kept.
	failed    bool
	persisted bool
	asked     bool
}{state: learn.New()}

// LoadProgress reads the saved progress. Call it from a goroutine before the
// first render (it waits for IndexedDB). A missing record is a first visit;
// an unreadable one is kept aside rather than lost.
func LoadProgress() {
	raw, ok, err := browser.Get(progressKey)
	store.Lock()
	defer store.Unlock()
	switch {
	case err != nil:
		store.failed = true
	case ok:
		s, err := learn.Import([]byte(raw))
		if err != nil {
			// Keep the unreadable record under another key for diagnosis.
			go browser.Put(progressKey+"-illisible-"+time.Now().UTC().Format("20060102T150405"), raw)
			return
		}
		store.state = s
	}
}

// progress returns the learner's state. Callers on the UI goroutine may
// read it; changes go through updateProgress.
func progress() *learn.State {
	store.Lock()
	defer store.Unlock()
	return store.state
}

// storageFailed reports whether progress cannot be kept on this device.
func storageFailed() bool {
	store.Lock()
	defer store.Unlock()
	return store.failed
}

// updateProgress applies a change to the state and saves it in the
// background. The first save asks the browser to make storage persistent.
func updateProgress(ctx app.Context, change func(s *learn.State, now time.Time)) {
	if app.IsServer {
		// Progress belongs to the learner's device: prerendered pages are
		// the same for everyone.
		return
	}
	store.Lock()
	change(store.state, time.Now())
	data, err := store.state.Export()
	askPersist := !store.asked
	store.asked = true
	store.Unlock()
	if err != nil {
		return
	}
	ctx.Async(func() {
		if askPersist {
			persisted, _ := browser.Persist()
			store.Lock()
			store.persisted = persisted
			store.Unlock()
		}
		err := browser.Put(progressKey, string(data))
		store.Lock()
		changed := store.failed != (err != nil)
		store.failed = err != nil
		store.Unlock()
		if changed {
			// Not ctx.Dispatch: the element that saved may be gone by now.
			ctx.NewAction(ActionStorage)
		}
	})
	ctx.NewAction(ActionProgress)
}

// replaceProgress swaps the whole state (import, wipe) and saves it.
func replaceProgress(ctx app.Context, s *learn.State) {
	updateProgress(ctx, func(cur *learn.State, now time.Time) { *cur = *s })
}

// resetProgressInMemory forgets the state after a wipe (nothing is saved:
// the database is gone).
func resetProgressInMemory() {
	store.Lock()
	defer store.Unlock()
	store.state = learn.New()
	store.asked = false
}

// Actions broadcast to components.
const (
	// ActionProgress follows any change of the learner's progress.
	ActionProgress = "coulisses/progression"
	// ActionStorage follows a change in the availability of storage.
	ActionStorage = "coulisses/stockage"
)
