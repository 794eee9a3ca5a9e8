package catalog

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func errStrings(errs []error) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

func TestValidateMessages(t *testing.T) {
	tests := []struct {
		name   string
		key    string
		values map[string]any
		want   []string
	}{
		{"range", "fortiGateBundle", map[string]any{"cpu": 200, "service": "FC"},
			[]string{"fortiGateBundle.cpu: 200 is out of range 1..96"}},
		{"range from int-like string", "fortiGateBundle", map[string]any{"cpu": "0", "service": "FC"},
			[]string{"fortiGateBundle.cpu: 0 is out of range 1..96"}},
		{"choice", "fortiGateBundle", map[string]any{"cpu": 2, "service": "XYZ"},
			[]string{`fortiGateBundle.service: "XYZ" is not one of FC, UTP, ENT, ATP`}},
		{"legacy choice rejected for new input", "fortiGateBundle", map[string]any{"cpu": 2, "service": "UTM"},
			[]string{`fortiGateBundle.service: "UTM" is not one of FC, UTP, ENT, ATP`}},
		{"optional single lists NONE as allowed", "fortiGateBundle", map[string]any{"cpu": 2, "service": "FC", "supportService": "FC247"},
			[]string{`fortiGateBundle.supportService: "FC247" is not one of FGTFCELU, NONE`}},
		{"NONE default valid for optional single", "fortiGateBundle", map[string]any{"cpu": 2, "service": "FC", "supportService": "NONE"},
			nil},
		{"NONE not valid for required single", "fortiGateLCS", map[string]any{"cpu": 2, "vdom": 0, "supportService": "NONE"},
			[]string{`fortiGateLCS.supportService: "NONE" is not one of FC247, ASET`}},
		{"missing", "fortiGateBundle", map[string]any{"cpu": 2},
			[]string{`fortiGateBundle: missing required parameter "service"`}},
		{"missing (nil)", "fortiGateBundle", map[string]any{"cpu": 2, "service": nil},
			[]string{`fortiGateBundle: missing required parameter "service"`}},
		{"all missing sorted", "fortiManager", map[string]any{},
			[]string{`fortiManager: missing required parameter "adom"`, `fortiManager: missing required parameter "device"`}},
		{"read-only", "fortiEDR", map[string]any{"service": "FEDRPDR", "endpoints": 100},
			[]string{"fortiEDR.endpoints: is read-only (computed by FortiFlex) and cannot be set"}},
		{"read-only appsec", "fortiAppSec", map[string]any{"qps": 5},
			[]string{"fortiAppSec.qps: is read-only (computed by FortiFlex) and cannot be set"}},
		{"step", "fortiSASE", map[string]any{"users": 60, "service": "FSASESTD"},
			[]string{"fortiSASE.users: 60 is not a multiple of 25"}},
		{"step 512", "fortiEDR", map[string]any{"service": "FEDRPDR", "repoStorage": 1000},
			[]string{"fortiEDR.repoStorage: 1000 is not a multiple of 512"}},
		{"step dedicated IPs at max", "fortiSASE", map[string]any{"users": 50, "service": "FSASESTD", "dedicatedIPs": 65534},
			[]string{"fortiSASE.dedicatedIPs: 65534 is not a multiple of 4"}},
		{"step recon assets", "fortiRecon", map[string]any{"service": "FRNEASM", "assets": 220},
			[]string{"fortiRecon.assets: 220 is not a multiple of 50"}},
		{"step siem", "fortiSIEMCloud", map[string]any{"computeUnits": 15, "onlineStorage": 750},
			[]string{"fortiSIEMCloud.computeUnits: 15 is not a multiple of 10", "fortiSIEMCloud.onlineStorage: 750 is not a multiple of 500"}},
		{"discrete", "fortiCloudPublic", map[string]any{"throughput": 30, "applications": 1},
			[]string{"fortiCloudPublic.throughput: 30 is not one of 25, 50, 75, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500, 6000, 6500, 7000, 7500, 8000, 8500, 9000, 9500, 10000"}},
		{"discrete private allows 10", "fortiCloudPrivate", map[string]any{"throughput": 10, "applications": 1},
			nil},
		{"zero or at least", "fortiClientEMSOP", map[string]any{"ZTNA": 10, "EPP": 0, "chromebook": 0, "service": "FCTFC247"},
			[]string{"fortiClientEMSOP.ZTNA: 10 is not allowed: use 0 or at least 25"}},
		{"zero or at least, on-prem has no step", "fortiClientEMSOP", map[string]any{"ZTNA": 26, "EPP": 0, "chromebook": 25000, "service": "FCTFC247"},
			nil},
		{"zero or at least plus step on cloud", "fortiClientEMSCloud", map[string]any{"ZTNA": 10, "ZTNA_FGF": 26, "EPP_ZTNA": 0, "EPP_ZTNA_FGF": 0, "chromebook": 25001},
			[]string{
				"fortiClientEMSCloud.ZTNA: 10 is not allowed: use 0 or at least 25",
				"fortiClientEMSCloud.ZTNA_FGF: 26 is not a multiple of 25",
				"fortiClientEMSCloud.chromebook: 25001 is out of range 0..25000",
			}},
		{"unknown", "fortiManager", map[string]any{"device": 1, "adom": 1, "adoms": 2},
			[]string{`fortiManager: unknown parameter "adoms" (accepted: device, adom)`}},
		{"raw id not accepted by Validate", "fortiManager", map[string]any{"device": 1, "adom": 1, "9": 2},
			[]string{`fortiManager: unknown parameter "9": raw parameter ids are accepted only with bypass_validation (accepted names: device, adom)`}},
		{"type int", "fortiManager", map[string]any{"device": "many", "adom": true},
			[]string{`fortiManager.adom: a bool is not an integer`, `fortiManager.device: "many" is not an integer`}},
		{"type str", "fortiWeb", map[string]any{"cpu": []string{"4"}, "service": "FWBSTD"},
			[]string{"fortiWeb.cpu: expected a string, got list"}},
		{"str param accepts int", "fortiWeb", map[string]any{"cpu": 16, "service": "FWBSTD"},
			nil},
		{"str choice as int", "fortiWeb", map[string]any{"cpu": 3, "service": "FWBSTD"},
			[]string{`fortiWeb.cpu: "3" is not one of 1, 2, 4, 8, 16`}},
		{"type list", "fortiGateBundle", map[string]any{"cpu": 1, "service": "FC", "cloudServices": 5},
			[]string{"fortiGateBundle.cloudServices: expected a list of strings, got int"}},
		{"list element type", "fortiGateBundle", map[string]any{"cpu": 1, "service": "FC", "cloudServices": []any{"FGTFAMS", map[string]any{}}},
			[]string{"fortiGateBundle.cloudServices: expected a list of strings, got list"}},
		{"duplicate in list", "fortiGateBundle", map[string]any{"cpu": 1, "service": "FC", "fortiGuardServices": []string{"FGTAVDB", "FGTAVDB"}},
			[]string{`fortiGateBundle.fortiGuardServices: "FGTAVDB" is listed more than once`}},
		{"bad list choice", "fortiGateLCS", map[string]any{"cpu": 1, "vdom": 1, "supportService": "ASET", "cloudServices": []string{"FAMS", "FGTFAMS"}},
			[]string{`fortiGateLCS.cloudServices: "FGTFAMS" is not one of FAMS, SWNM, AFAC, FAZC, FSPA, SWOS, FMGC`}},
		{"NONE alone in list is fine", "fortiGateBundle", map[string]any{"cpu": 1, "service": "FC", "cloudServices": []string{"NONE"}},
			nil},
		{"NONE mixed", "fortiGateBundle", map[string]any{"cpu": 1, "service": "FC", "cloudServices": []string{"FGTFAMS", "NONE"}},
			[]string{"fortiGateBundle.cloudServices: NONE cannot be combined with other values"}},
		{"appsec WAF needs package", "fortiAppSec", map[string]any{"serviceTypes": []string{"UCWAF"}},
			[]string{`fortiAppSec: missing required parameter "wafServicePkg" (required when serviceTypes contains UCWAF)`}},
		{"appsec WAF package NONE", "fortiAppSec", map[string]any{"serviceTypes": []any{"UCWAF"}, "wafServicePkg": "NONE"},
			[]string{`fortiAppSec: missing required parameter "wafServicePkg" (required when serviceTypes contains UCWAF)`}},
		{"appsec GSLB only", "fortiAppSec", map[string]any{"serviceTypes": []string{"UCGSLB"}},
			nil},
		{"appsec bad package", "fortiAppSec", map[string]any{"serviceTypes": []string{"UCWAF"}, "wafServicePkg": "STD"},
			[]string{`fortiAppSec.wafServicePkg: "STD" is not one of UCWAFSTD, UCWAFADV, UCWAFENT, NONE`}},
		{"model list", "fortiSwitchHardware", map[string]any{"model": "S108EN", "service": "FSWHWFCEL"},
			nil},
		{"many problems sorted", "fortiSASE", map[string]any{"users": 10, "service": "X", "bandwidth": 26, "computeRegion": 17, "extra": 1},
			[]string{
				`fortiSASE.bandwidth: 26 is not a multiple of 25`,
				`fortiSASE.computeRegion: 17 is out of range 0..16`,
				`fortiSASE.service: "X" is not one of FSASESTD, FSASEADV, FSASECOM`,
				`fortiSASE.users: 10 is out of range 50..50000`,
				`fortiSASE: unknown parameter "extra" (accepted: users, service, bandwidth, dedicatedIPs, computeRegion, onRampLocations)`,
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := ProductByKey(tc.key)
			require.True(t, ok)
			errs := p.Validate(tc.values)
			if tc.want == nil {
				assert.Empty(t, errStrings(errs))
				return
			}
			assert.Equal(t, tc.want, errStrings(errs))
			var ve *ValidationError
			require.True(t, errors.As(errs[0], &ve))
			assert.Equal(t, tc.key, ve.Product)
		})
	}
}

func TestValidateForCalc(t *testing.T) {
	p, _ := ProductByKey("fortiEDR")
	assert.Equal(t, []string{`fortiEDR: missing required parameter "endpoints"`},
		errStrings(p.ValidateForCalc(map[string]any{"service": "FEDRPDR"})))
	assert.Empty(t, p.ValidateForCalc(map[string]any{"service": "FEDRPDR", "endpoints": "100"}))
	assert.Equal(t, []string{`fortiEDR.endpoints: -1 must not be negative`},
		errStrings(p.ValidateForCalc(map[string]any{"service": "FEDRPDR", "endpoints": -1})))
	assert.Empty(t, p.Validate(map[string]any{"service": "FEDRPDR"}), "not required outside calc")
}

func TestValidateChange(t *testing.T) {
	tests := []struct {
		name     string
		key      string
		old, new []APIParam
		want     []string
	}{
		{"decrease rejected", "fortiSASE",
			[]APIParam{{48, "100"}, {59, "4"}, {72, "2"}},
			[]APIParam{{48, "50"}, {59, "2"}, {72, "2"}},
			[]string{"fortiSASE.computeRegion: cannot be decreased from 4 to 2 (scale up only)"}},
		{"increase fine", "fortiSASE",
			[]APIParam{{59, "1"}, {72, "2"}},
			[]APIParam{{59, "2"}, {72, "8"}},
			nil},
		{"absent not compared", "fortiSASE",
			[]APIParam{{59, "4"}},
			[]APIParam{{48, "50"}},
			nil},
		{"edr storage and siem", "fortiEDR",
			[]APIParam{{76, "1024"}},
			[]APIParam{{76, "0"}},
			[]string{"fortiEDR.repoStorage: cannot be decreased from 1024 to 0 (scale up only)"}},
		{"siem storages", "fortiSIEMCloud",
			[]APIParam{{66, "100"}, {67, "1000"}, {68, "1500"}},
			[]APIParam{{66, "10"}, {67, "500"}, {68, "1000"}},
			[]string{
				"fortiSIEMCloud.onlineStorage: cannot be decreased from 1000 to 500 (scale up only)",
				"fortiSIEMCloud.archiveStorage: cannot be decreased from 1500 to 1000 (scale up only)",
			}},
		{"appsec downgrade", "fortiAppSec",
			[]APIParam{{83, "UCWAFENT"}},
			[]APIParam{{83, "UCWAFADV"}},
			[]string{"fortiAppSec.wafServicePkg: cannot be downgraded from UCWAFENT to UCWAFADV (upgrade only)"}},
		{"appsec to NONE", "fortiAppSec",
			[]APIParam{{83, "UCWAFSTD"}},
			[]APIParam{{83, "NONE"}},
			[]string{"fortiAppSec.wafServicePkg: cannot be downgraded from UCWAFSTD to NONE (upgrade only)"}},
		{"appsec upgrade", "fortiAppSec",
			[]APIParam{{83, "NONE"}},
			[]APIParam{{83, "UCWAFSTD"}},
			nil},
		{"unparseable ignored", "fortiSASE",
			[]APIParam{{59, "x"}},
			[]APIParam{{59, "0"}},
			nil},
		{"other products have no rule", "fortiGateBundle",
			[]APIParam{{1, "8"}},
			[]APIParam{{1, "2"}},
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := ProductByKey(tc.key)
			errs := p.ValidateChange(tc.old, tc.new)
			if tc.want == nil {
				assert.Empty(t, errs)
				return
			}
			assert.Equal(t, tc.want, errStrings(errs))
		})
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		name   string
		key    string
		values map[string]any
		want   []string
	}{
		{"over the cap", "fortiGateBundle", map[string]any{"cpu": 2, "vdom": 30},
			[]string{"fortiGateBundle.vdom: 30 VDOMs exceed the 25 that the FortiFlex admin guide lists for 2 vCPUs; FortiFlex may reject it"}},
		{"at the cap", "fortiGateLCS", map[string]any{"cpu": "1", "vdom": 10}, nil},
		{"8 cpus", "fortiGateLCS", map[string]any{"cpu": 8, "vdom": 500}, nil},
		{"other product", "fortiManager", map[string]any{"cpu": 1, "vdom": 500}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := ProductByKey(tc.key)
			assert.Equal(t, tc.want, p.Warnings(tc.values))
		})
	}
	// The warning is not a validation error.
	p, _ := ProductByKey("fortiGateBundle")
	assert.Empty(t, p.Validate(map[string]any{"cpu": 1, "service": "FC", "vdom": 500}))
}
