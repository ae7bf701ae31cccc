# Trainer kit (issue 8): USB launchers and static export. Included by the
# root Makefile (until then: make -f Makefile -f wasm/kit.mk usb).
#   make usb        dist/usb/: one launcher per OS/CPU (each embeds the whole
#                   app), LISEZMOI.txt, the sample datasets as plain files
#   make static     dist/static/ (any static web host) and
#                   dist/static-hebergement/ (host requirements, nginx.conf);
#                   KIT_PREFIX=/chemin for a sub-path
#   make kit-test   unit tests, checks of the binaries, end-to-end tests
# Included anywhere, this file does not change the default goal.
KIT_DEFAULT_GOAL := $(.DEFAULT_GOAL)

KIT_USB := dist/usb
KIT_STATIC := dist/static
KIT_HOSTING := dist/static-hebergement
KIT_PREFIX ?=
# GOOS/GOARCH:file name — keep in sync with wasm/launcher/binaries.go
# (make kit-test checks it).
KIT_PLATFORMS ?= \
	windows/amd64:Coulisses-Windows.exe \
	windows/arm64:Coulisses-Windows-ARM.exe \
	darwin/arm64:Coulisses-Mac-Apple-Silicon \
	darwin/amd64:Coulisses-Mac-Intel \
	linux/amd64:Coulisses-Linux-x86_64 \
	linux/arm64:Coulisses-Linux-ARM64
# Sample datasets copied as plain files (whatever exists at build time).
KIT_DATASETS ?= $(sort $(wildcard content/datasets/*.csv content/datasets/*.xlsx $(WEB)/datasets/*.csv $(WEB)/datasets/*.xlsx))
# The whole kit must fit a 256 MB stick (filesystem overhead included).
KIT_MAX_BYTES ?= 240000000
KIT_LDFLAGS := -s -w -X main.mode=launcher
# The launchers are built from a copy of wasm/app whose web/ keeps only the
# .gz copy of the files that have one (app.wasm, engine.wasm…): the
# launcher inflates them in memory at start (server.Inflate). A leading "_"
# keeps the copy out of ./... patterns.
KIT_STAGE := build/_kit/app
KIT_ENGINE := $(if $(shell grep -qs '^engine-wasm:' sandbox/sandbox.mk && echo y),engine-wasm)

.PHONY: usb static kit-test

# Every launcher embeds web/ (client, engine, icons…) and the content.
usb: client $(KIT_ENGINE)
	@rm -rf $(KIT_STAGE) $(KIT_USB).tmp && mkdir -p $(KIT_STAGE) $(KIT_USB).tmp/jeux-de-donnees
	@cp $(filter-out %_test.go,$(wildcard wasm/app/*.go)) $(KIT_STAGE)/ && cp -r $(WEB) $(KIT_STAGE)/web
	@find $(KIT_STAGE)/web -name '*.gz' | while read -r z; do rm -f "$${z%.gz}"; done
	@for p in $(KIT_PLATFORMS); do \
		target=$${p%%:*}; name=$${p#*:}; \
		echo "lanceur $$target → $(KIT_USB)/$$name"; \
		CGO_ENABLED=0 GOOS=$${target%/*} GOARCH=$${target#*/} \
			$(GO) build -trimpath -ldflags="$(KIT_LDFLAGS)" -o $(KIT_USB).tmp/$$name ./$(KIT_STAGE) || exit 1; \
	done
	@# LISEZMOI: UTF-8 with a BOM and CRLF line ends, so that Notepad and TextEdit show the accents.
	@{ printf '\357\273\277'; sed 's/$$/\r/' wasm/launcher/LISEZMOI.txt; } > $(KIT_USB).tmp/LISEZMOI.txt
	@$(if $(KIT_DATASETS),cp $(KIT_DATASETS) $(KIT_USB).tmp/jeux-de-donnees/,echo "aucun jeu d'exemple trouvé (content/datasets/ ou $(WEB)/datasets/) : jeux-de-donnees/ est vide")
	@rm -rf $(KIT_USB) && mv $(KIT_USB).tmp $(KIT_USB)
	@echo
	@printf '%-32s %12s\n' fichier octets
	@for p in $(KIT_PLATFORMS); do name=$${p#*:}; printf '%-32s %12d\n' "$$name" $$(stat -c %s $(KIT_USB)/$$name); done
	@printf '%-32s %12d\n' "jeux-de-donnees/ ($$(ls $(KIT_USB)/jeux-de-donnees | wc -l) fichiers)" $$(du -sb $(KIT_USB)/jeux-de-donnees | cut -f1)
	@total=$$(du -sb $(KIT_USB) | cut -f1); printf '%-32s %12d  (%d Mo ; limite %d Mo)\n' "total $(KIT_USB)/" $$total $$((total / 1000000)) $$(($(KIT_MAX_BYTES) / 1000000)); \
		test $$total -le $(KIT_MAX_BYTES) || { echo "le kit dépasse $(KIT_MAX_BYTES) octets : il ne tient plus sur une clé de 256 Mo" >&2; exit 1; }

# The site for any static web host, and what the host must do.
static: server
	@rm -rf $(KIT_STATIC) $(KIT_HOSTING)
	./$(BIN) -static $(KIT_STATIC) -hosting $(KIT_HOSTING) $(if $(KIT_PREFIX),-prefix $(KIT_PREFIX))

kit-test: usb static e2e-deps
	$(GO) vet ./wasm/launcher ./wasm/server ./wasm/app
	$(GO) test ./wasm/launcher ./wasm/server
	COULISSES_KIT_DIR=$(CURDIR)/$(KIT_USB) $(GO) test -count=1 -run '^TestKit' ./wasm/launcher
	cd wasm/e2e && COULISSES_KIT_REQUIRED=1 node --test --test-concurrency=1 tests/kit*.test.mjs

.DEFAULT_GOAL := $(KIT_DEFAULT_GOAL)
