// Command docgen writes the files ansible-doc and ansible-core read (module
// docs, doc fragments, meta/runtime.yml) from the Go module definitions.
// Usage: docgen [collection-root]
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/flexgo/fortiflexvm/internal/docgen"
	"github.com/flexgo/fortiflexvm/internal/modules/all"
)

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	files := docgen.Files(all.Modules(), all.Fragments())
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := os.WriteFile(full, []byte(files[p]), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	fmt.Printf("docgen: wrote %d files\n", len(paths))
}
