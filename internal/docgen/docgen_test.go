package docgen_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/docgen"
	"github.com/flexgo/fortiflexvm/internal/modules/all"
)

// TestGeneratedFilesAreCurrent fails when the docs, fragments or runtime.yml
// in the repository differ from what the Go definitions generate.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	files := docgen.Files(all.Modules(), all.Fragments())
	require.NotEmpty(t, files)
	for path, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", path))
		if !assert.NoError(t, err, "%s is missing: run make docs", path) {
			continue
		}
		assert.Equal(t, want, string(got), "%s is out of date: run make docs", path)
	}
	// No stale doc file for a module that no longer exists.
	docs, err := filepath.Glob(filepath.Join("..", "..", "plugins", "modules", "*.py"))
	require.NoError(t, err)
	for _, d := range docs {
		rel, _ := filepath.Rel(filepath.Join("..", ".."), d)
		_, known := files[filepath.ToSlash(rel)]
		assert.True(t, known, "%s documents no module: delete it", rel)
	}
}

// TestEveryModuleIsComplete checks what ansible-doc needs from every module.
func TestEveryModuleIsComplete(t *testing.T) {
	for _, m := range all.Modules() {
		t.Run(m.Name, func(t *testing.T) {
			assert.NotEmpty(t, m.Short)
			assert.NotEmpty(t, m.Description)
			assert.NotEmpty(t, m.Examples)
			assert.NotEmpty(t, m.Return)
			assert.NotEmpty(t, m.CheckMode.Support)
			assert.NotNil(t, m.Run)
			for _, o := range m.AllOptions() {
				assert.NotEmpty(t, o.Description, "option %s has no description", o.Name)
			}
		})
	}
}
