# Coulisses — see README.md. Every target works offline once dependencies are fetched.
SHELL := /bin/bash
GO ?= go
PORT ?= 8080

-include sandbox/sandbox.mk
-include worker/worker.mk

.PHONY: test
test:
	$(GO) vet ./...
	$(GO) test ./...
