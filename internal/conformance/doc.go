// Package conformance holds tests only: the real FortiFlex client
// (internal/fortiflex) talks over loopback HTTP to the in-process simulator
// (internal/sim). The two packages are written independently from the same
// specification (shared/spec/fortiflex-api-v2.md) and never import each
// other, so these tests check that they agree on the wire: every client
// operation's success and documented failures (exact messages and HTTP
// statuses), the retry and outcome-unknown policy under injected faults,
// token sharing and renewal, and the cost of listing a large configuration.
package conformance
