package catalog

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validSamples holds one valid Ansible-shaped value set per product, using
// every settable parameter at least once across the set.
var validSamples = map[string]map[string]any{
	"fortiGateBundle":     {"cpu": 4, "service": "UTP", "vdom": 10, "fortiGuardServices": []string{"FGTAVDB", "FGTFCSS"}, "cloudServices": []any{"FGTFAMS"}, "supportService": "FGTFCELU"},
	"fortiManager":        {"device": 10, "adom": 2},
	"fortiWeb":            {"cpu": "4", "service": "FWBENT"},
	"fortiGateLCS":        {"cpu": 8, "fortiGuardServices": []string{"IPS", "AVDB"}, "supportService": "FC247", "vdom": 0, "cloudServices": []string{}},
	"fortiClientEMSOP":    {"ZTNA": 0, "EPP": 25, "chromebook": 30, "service": "FCTFC247", "addons": []string{"BPS"}},
	"fortiAnalyzer":       {"storage": 5, "adom": 0, "service": "FAZFC247", "addons": []string{"FAZISSS", "FAZAISN"}},
	"fortiPortal":         {"device": 0},
	"fortiADC":            {"cpu": "32", "service": "FDVAI"},
	"fortiSOAR":           {"service": "FSRE", "licenseNum": 1000, "addons": []string{"FSRTIMS"}},
	"fortiMail":           {"cpu": "1", "service": "FMLATP", "addons": []string{"FMLFEMS"}},
	"fortiNAC":            {"service": "FNCPLUS", "endpoints": 100000, "supportService": "FNCFC247"},
	"fortiGateHardware":   {"model": "FGT60F", "service": "FGHWENT", "addons": []string{"FGHWFAMS", "FGHWFCSS"}},
	"fortiAPHardware":     {"model": "FP231F", "service": "FAPHWFCEL", "addons": []string{"FAPHWFSFG"}},
	"fortiSwitchHardware": {"model": "S108EN", "service": "FSWHWFC247"},
	"fortiCloudPrivate":   {"throughput": 10, "applications": 1},
	"fortiCloudPublic":    {"throughput": 1500, "applications": 5000},
	"fortiClientEMSCloud": {"ZTNA": 25, "ZTNA_FGF": 0, "EPP_ZTNA": 50, "EPP_ZTNA_FGF": 25000, "chromebook": 0, "addons": []string{}},
	"fortiSASE":           {"users": 75, "service": "FSASECOM", "bandwidth": 25, "dedicatedIPs": 8, "computeRegion": 2, "onRampLocations": 8},
	"fortiEDR":            {"service": "FEDRPDR", "addons": []string{"FEDRXDR"}, "repoStorage": 1024},
	"fortiNDRCloud":       {},
	"fortiRecon":          {"service": "FRNEASMBP", "assets": 250, "networks": 100, "executives": 5, "vendors": 1000},
	"fortiSIEMCloud":      {"computeUnits": 20, "onlineStorage": 1000, "archiveStorage": 0},
	"fortiAppSec":         {"serviceTypes": []string{"UCWAF", "UCGSLB"}, "wafServicePkg": "UCWAFADV", "wafAddons": []string{"UCSOCA"}},
	"fortiDLP":            {"service": "DLPENTP", "endpoints": 25, "addons": []string{"BPS"}},
}

// stringify turns a sample into the shape Decode returns.
func stringify(t *testing.T, p *Product, in map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range in {
		prm, ok := p.Param(k)
		require.True(t, ok, k)
		if prm.Kind == Multi {
			l, ok := asList(v)
			require.True(t, ok)
			out[k] = append([]string{}, l...)
			continue
		}
		s, ok := asString(v)
		require.True(t, ok)
		out[k] = s
	}
	return out
}

func TestRoundTripEveryProduct(t *testing.T) {
	require.Len(t, validSamples, 24)
	for _, p := range Products() {
		t.Run(p.Key, func(t *testing.T) {
			sample, ok := validSamples[p.Key]
			require.True(t, ok, "sample missing")
			require.Empty(t, p.Validate(sample))

			entries, err := p.Encode(sample)
			require.NoError(t, err)
			assert.Equal(t, stringify(t, &p, sample), p.Decode(entries))

			again, err := p.Encode(p.Decode(entries))
			require.NoError(t, err)
			assert.Equal(t, entries, again)

			// All values survive a JSON trip (numbers as float64).
			raw, err := json.Marshal(sample)
			require.NoError(t, err)
			var viaJSON map[string]any
			require.NoError(t, json.Unmarshal(raw, &viaJSON))
			require.Empty(t, p.Validate(viaJSON))
			fromJSON, err := p.Encode(viaJSON)
			require.NoError(t, err)
			assert.Equal(t, entries, fromJSON)

			// With defaults, every non-read-only param is present.
			full := p.WithDefaults(entries)
			have := map[int]bool{}
			for _, e := range full {
				have[e.ID] = true
			}
			for _, prm := range p.Params {
				if prm.Kind == ReadOnly || (prm.Default == "" && !prm.Required) {
					continue
				}
				if _, given := sample[prm.Name]; given || prm.Default != "" {
					assert.True(t, have[prm.ID], prm.Name)
				}
			}
		})
	}
}

func TestEncode(t *testing.T) {
	tests := []struct {
		name   string
		key    string
		values map[string]any
		want   []APIParam
	}{
		{"order follows Params and multi repeats id", "fortiGateBundle",
			map[string]any{"fortiGuardServices": []string{"FGTAVDB", "FGTFAIS"}, "service": "ATP", "cpu": 2},
			[]APIParam{{1, "2"}, {2, "ATP"}, {43, "FGTAVDB"}, {43, "FGTFAIS"}}},
		{"empty list becomes NONE", "fortiGateBundle",
			map[string]any{"cpu": 1, "service": "FC", "cloudServices": []any{}},
			[]APIParam{{1, "1"}, {2, "FC"}, {44, "NONE"}}},
		{"list of only NONE becomes one NONE", "fortiGateBundle",
			map[string]any{"cloudServices": []string{"NONE"}},
			[]APIParam{{44, "NONE"}}},
		{"single NONE passes", "fortiGateBundle",
			map[string]any{"supportService": "NONE"},
			[]APIParam{{45, "NONE"}}},
		{"numbers as decimal strings", "fortiSASE",
			map[string]any{"users": float64(100), "bandwidth": int64(50), "dedicatedIPs": "8", "computeRegion": json.Number("3")},
			[]APIParam{{48, "100"}, {50, "50"}, {51, "8"}, {59, "3"}}},
		{"int for str param", "fortiWeb",
			map[string]any{"cpu": 4, "service": "FWBSTD"},
			[]APIParam{{4, "4"}, {5, "FWBSTD"}}},
		{"comma string list like Ansible", "fortiAnalyzer",
			map[string]any{"addons": "FAZISSS, FAZFGSA"},
			[]APIParam{{58, "FAZISSS"}, {58, "FAZFGSA"}}},
		{"read-only dropped", "fortiEDR",
			map[string]any{"service": "FEDRPDR", "endpoints": 100},
			[]APIParam{{46, "FEDRPDR"}}},
		{"nil means absent", "fortiGateBundle",
			map[string]any{"cpu": 1, "vdom": nil},
			[]APIParam{{1, "1"}}},
		{"raw ids passed through after named, ordered by id", "fortiGateBundle",
			map[string]any{"cpu": 2, "43": []string{"FGTFCSS", "FGTXYZ"}, "2": "WHATEVER", "9999": 5, "44": []any{}},
			[]APIParam{{1, "2"}, {2, "WHATEVER"}, {43, "FGTFCSS"}, {43, "FGTXYZ"}, {44, "NONE"}, {9999, "5"}}},
		{"raw read-only id kept", "fortiEDR",
			map[string]any{"47": "10"},
			[]APIParam{{47, "10"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := ProductByKey(tc.key)
			require.True(t, ok)
			got, err := p.Encode(tc.values)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name   string
		key    string
		values map[string]any
		want   string
	}{
		{"unknown key", "fortiManager", map[string]any{"devices": 1},
			`fortiManager: unknown parameter "devices" (accepted: device, adom)`},
		{"unknown keys", "fortiManager", map[string]any{"x": 1, "a": 2, "device": 1},
			`fortiManager: unknown parameters "a", "x" (accepted: device, adom)`},
		{"not an integer", "fortiGateBundle", map[string]any{"cpu": "four"},
			`fortiGateBundle.cpu: "four" is not an integer`},
		{"fraction", "fortiGateBundle", map[string]any{"cpu": 2.5},
			`fortiGateBundle.cpu: 2.5 is not an integer`},
		{"list for string", "fortiGateBundle", map[string]any{"service": []string{"FC"}},
			`fortiGateBundle.service: expected a string, got list`},
		{"dict for list", "fortiGateBundle", map[string]any{"cloudServices": map[string]any{}},
			`fortiGateBundle.cloudServices: expected a list of strings, got dict`},
		{"raw dict", "fortiGateBundle", map[string]any{"43": map[string]any{}},
			`fortiGateBundle: raw parameter "43": expected a string, a number or a list, got dict`},
		{"raw id twice", "fortiGateBundle", map[string]any{"43": "A", "043": "B"},
			`fortiGateBundle: parameter id 43 given twice ("043" and "43")`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := ProductByKey(tc.key)
			_, err := p.Encode(tc.values)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}

func TestEncodeForCalcKeepsReadOnly(t *testing.T) {
	p, _ := ProductByKey("fortiEDR")
	got, err := p.EncodeForCalc(map[string]any{"service": "FEDRPDR", "endpoints": "250"})
	require.NoError(t, err)
	assert.Equal(t, []APIParam{{46, "FEDRPDR"}, {47, "250"}}, got)
}

func TestWithDefaults(t *testing.T) {
	tests := []struct {
		name string
		key  string
		in   []APIParam
		want []APIParam
	}{
		{"fortigate bundle fills vdom and NONEs", "fortiGateBundle",
			[]APIParam{{1, "2"}, {2, "FC"}},
			[]APIParam{{1, "2"}, {2, "FC"}, {10, "0"}, {43, "NONE"}, {44, "NONE"}, {45, "NONE"}}},
		{"present values kept, no duplicates", "fortiGateBundle",
			[]APIParam{{1, "2"}, {2, "FC"}, {43, "FGTAVDB"}, {43, "FGTFAIS"}, {10, "5"}},
			[]APIParam{{1, "2"}, {2, "FC"}, {43, "FGTAVDB"}, {43, "FGTFAIS"}, {10, "5"}, {44, "NONE"}, {45, "NONE"}}},
		{"read-only never added", "fortiEDR",
			[]APIParam{{46, "FEDRPDR"}},
			[]APIParam{{46, "FEDRPDR"}, {52, "NONE"}, {76, "0"}}},
		{"no default for onlineStorage", "fortiSIEMCloud",
			[]APIParam{{66, "10"}},
			[]APIParam{{66, "10"}, {68, "0"}}},
		{"nothing to add", "fortiManager",
			[]APIParam{{30, "1"}, {9, "0"}},
			[]APIParam{{30, "1"}, {9, "0"}}},
		{"appsec", "fortiAppSec",
			nil,
			[]APIParam{{82, "NONE"}, {83, "NONE"}, {84, "NONE"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := ProductByKey(tc.key)
			in := append([]APIParam(nil), tc.in...)
			assert.Equal(t, tc.want, p.WithDefaults(in))
			assert.Equal(t, tc.in, in, "input untouched")
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		key  string
		in   []APIParam
		want map[string]any
	}{
		{"live fortigate bundle shape", "fortiGateBundle",
			[]APIParam{{1, "2"}, {2, "ENT"}, {10, "0"}, {43, "NONE"}, {44, "FGTFAMS"}, {44, "FGTSOCA"}, {45, "NONE"}},
			map[string]any{"cpu": "2", "service": "ENT", "vdom": "0", "fortiGuardServices": []string{}, "cloudServices": []string{"FGTFAMS", "FGTSOCA"}, "supportService": "NONE"}},
		{"legacy values pass through", "fortiGateBundle",
			[]APIParam{{1, "2147483647"}, {2, "UTM"}},
			map[string]any{"cpu": "2147483647", "service": "UTM"}},
		{"read-only kept as string", "fortiAppSec",
			[]APIParam{{82, "UCWAF"}, {83, "UCWAFSTD"}, {84, "NONE"}, {85, "0"}, {86, "2"}, {87, "0"}, {88, "0"}},
			map[string]any{"serviceTypes": []string{"UCWAF"}, "wafServicePkg": "UCWAFSTD", "wafAddons": []string{}, "throughput": "0", "applications": "2", "qps": "0", "healthChecks": "0"}},
		{"unknown ids by number", "fortiManager",
			[]APIParam{{30, "5"}, {9, "1"}, {3, "5"}, {999, "A"}, {999, "B"}, {999, "C"}},
			map[string]any{"device": "5", "adom": "1", "3": "5", "999": []string{"A", "B", "C"}}},
		{"empty", "fortiManager", nil, map[string]any{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := ProductByKey(tc.key)
			assert.Equal(t, tc.want, p.Decode(tc.in))
		})
	}
}
