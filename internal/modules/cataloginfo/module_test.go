package cataloginfo_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/modules/cataloginfo"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
)

func TestBuiltinNeedsNoCredentials(t *testing.T) {
	e := moduletest.New(t)
	delete(e.Vars, "FORTIFLEX_ACCESS_USERNAME")
	delete(e.Vars, "FORTIFLEX_ACCESS_PASSWORD")
	r := e.Run(cataloginfo.Module, nil)
	require.False(t, r.Failed(), r.Msg())
	assert.Empty(t, e.Calls(), "nothing sent")
	types := r.Out["product_types"].([]any)
	assert.Len(t, types, len(catalog.Products()))
	assert.Equal(t, "builtin", r.Out["source"])

	r = e.Run(cataloginfo.Module, map[string]any{"product_type": "fortiGateBundle"})
	require.False(t, r.Failed(), r.Msg())
	fgt := r.Out["product_types"].([]any)[0].(map[string]any)
	assert.EqualValues(t, 1, fgt["productTypeId"])
	assert.Equal(t, "fortiGateBundle", fgt["key"])
	cpu := fgt["parameters"].([]any)[0].(map[string]any)
	assert.Equal(t, "cpu", cpu["option"])
	assert.EqualValues(t, 96, cpu["maxValue"])
}

func TestAPISourceMatchesBuiltin(t *testing.T) {
	e := moduletest.New(t)
	api := e.Run(cataloginfo.Module, map[string]any{"source": "api", "product_type": "208"})
	require.False(t, api.Failed(), api.Msg())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/tools/metadata"))
	assert.Nil(t, api.Out["warnings"], "the simulator's metadata comes from the same catalogue")
	builtin := e.Run(cataloginfo.Module, map[string]any{"product_type": "fortiRecon"})
	assert.Equal(t, builtin.Out["product_types"], api.Out["product_types"])
}

func TestUnknownProductType(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(cataloginfo.Module, map[string]any{"product_type": "fortiToaster"})
	assert.True(t, r.Failed())
	assert.Contains(t, r.Msg(), `product_type "fortiToaster" is neither a product type id nor one of fortiGateBundle, `)
	r = e.Run(cataloginfo.Module, map[string]any{"product_type": "6"})
	assert.True(t, r.Failed())
	assert.Equal(t, "product type 6 is not in the builtin catalogue", r.Msg())
}
