package sim

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/catalog"
)

// The demo configurations are valid for the shared catalogue and list every
// parameter of their product type, defaults filled, as live data does.
func TestSeedConfigsMatchCatalog(t *testing.T) {
	f := newFixture(t)
	f.srv.mu.Lock()
	defer f.srv.mu.Unlock()
	require.Len(t, f.srv.st.Configs, 6)
	for i, c := range f.srv.st.Configs {
		t.Run(strconv.FormatInt(c.ID, 10), func(t *testing.T) {
			assert.Equal(t, firstConfigID+int64(i), c.ID, "ids are deterministic and increasing")
			p, ok := catalog.ProductByID(c.ProductType.ID)
			require.True(t, ok)
			entries := make([]catalog.APIParam, 0, len(c.Parameters))
			for _, prm := range c.Parameters {
				entries = append(entries, catalog.APIParam{ID: prm.ID, Value: prm.Value})
				assert.NotEmpty(t, prm.Name)
			}
			assert.Empty(t, p.Validate(p.Decode(entries)))
			assert.Equal(t, ids(p.WithDefaults(entries)), ids(entries), "every parameter is present")
		})
	}
	assert.Equal(t, int64(5006), f.srv.st.NextConfigID)
}

func ids(entries []catalog.APIParam) map[int]bool {
	out := map[int]bool{}
	for _, e := range entries {
		out[e.ID] = true
	}
	return out
}
