package docgen_test

import (
	"os"
	"path/filepath"
	"strings"
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

// TestGeneratedLinesFit keeps every generated Python line within the 160
// characters of ansible-test's pep8 sanity test (Return and Examples are
// written by hand in the Go definitions and are not folded).
func TestGeneratedLinesFit(t *testing.T) {
	for path, content := range docgen.Files(all.Modules(), all.Fragments()) {
		if !strings.HasSuffix(path, ".py") {
			continue
		}
		for i, line := range strings.Split(content, "\n") {
			assert.LessOrEqual(t, len(line), 160, "%s:%d is too long for pep8 (E501): %.60s...", path, i+1, line)
		}
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
