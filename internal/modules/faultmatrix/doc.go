// Package faultmatrix holds two tests: every writing module (both families) under every
// fault the simulator can inject after carrying a request out (a lost
// answer), and every reading module under a transient fault. It checks
// DESIGN §6: the right result or a clear failure, and never a duplicate.
package faultmatrix
