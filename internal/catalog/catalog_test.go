package catalog

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProductsCountAndOrder(t *testing.T) {
	ps := Products()
	require.Len(t, ps, 24)
	var ids []int
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []int{1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 101, 102, 103, 202, 203, 204, 205, 206, 207, 208, 209, 211, 212}, ids)
}

func TestProductsTable(t *testing.T) {
	tests := []struct {
		id                      int
		key, tf, name           string
		ff                      FormFactor
		params                  []int
		names                   []string
		apiNameForFirstParam    string
		typesOfParamsInOrderRaw string
	}{
		{1, "fortiGateBundle", "FGT_VM_Bundle", "FortiGate Virtual Machine - Service Bundle", VM, []int{1, 2, 10, 43, 44, 45}, []string{"cpu", "service", "vdom", "fortiGuardServices", "cloudServices", "supportService"}, "CPU", "int str int list list str"},
		{2, "fortiManager", "FMG_VM", "FortiManager Virtual Machine", VM, []int{30, 9}, []string{"device", "adom"}, "DEVICENOBPS", "int int"},
		{3, "fortiWeb", "FWB_VM", "FortiWeb Virtual Machine - Service Bundle", VM, []int{4, 5}, []string{"cpu", "service"}, "CPU", "str str"},
		{4, "fortiGateLCS", "FGT_VM_LCS", "FortiGate Virtual Machine - A La Carte Services", VM, []int{6, 7, 8, 11, 12}, []string{"cpu", "fortiGuardServices", "supportService", "vdom", "cloudServices"}, "CPU", "int list str int list"},
		{5, "fortiClientEMSOP", "FC_EMS_OP", "FortiClient EMS On-Prem", VM, []int{13, 14, 15, 16, 36}, []string{"ZTNA", "EPP", "chromebook", "service", "addons"}, "ZTNA", "int int int str list"},
		{7, "fortiAnalyzer", "FAZ_VM", "FortiAnalyzer Virtual Machine", VM, []int{21, 22, 23, 58}, []string{"storage", "adom", "service", "addons"}, "STORAGE", "int int str list"},
		{8, "fortiPortal", "FPC_VM", "FortiPortal Virtual Machine", VM, []int{24}, []string{"device"}, "", "int"},
		{9, "fortiADC", "FAD_VM", "FortiADC Virtual Machine", VM, []int{25, 26}, []string{"cpu", "service"}, "", "str str"},
		{10, "fortiSOAR", "FORTISOAR_VM", "FortiSOAR Virtual Machine", VM, []int{69, 70, 71}, []string{"service", "licenseNum", "addons"}, "SERVICEPACK", "str int list"},
		{11, "fortiMail", "FORTIMAIL_VM", "FortiMail Virtual Machine", VM, []int{73, 74, 75}, []string{"cpu", "service", "addons"}, "", "str str list"},
		{12, "fortiNAC", "FORTINAC_VM", "FortiNAC Virtual Machine", VM, []int{77, 78, 79}, []string{"service", "endpoints", "supportService"}, "", "str int str"},
		{101, "fortiGateHardware", "FGT_HW", "FortiGate Hardware", Hardware, []int{27, 28, 29}, []string{"model", "service", "addons"}, "PRODUCTMODEL", "str str list"},
		{102, "fortiAPHardware", "FAP_HW", "FortiAP Hardware", Hardware, []int{55, 56, 57}, []string{"model", "service", "addons"}, "", "str str list"},
		{103, "fortiSwitchHardware", "FSW_HW", "FortiSwitch Hardware", Hardware, []int{53, 54}, []string{"model", "service"}, "", "str str"},
		{202, "fortiCloudPrivate", "FWBC_PRIVATE", "FortiWeb Cloud - Private", Cloud, []int{32, 33}, []string{"throughput", "applications"}, "", "int int"},
		{203, "fortiCloudPublic", "FWBC_PUBLIC", "FortiWeb Cloud - Public", Cloud, []int{34, 35}, []string{"throughput", "applications"}, "THROUGHPUT", "int int"},
		{204, "fortiClientEMSCloud", "FC_EMS_CLOUD", "FortiClient EMS Cloud", Cloud, []int{37, 38, 39, 40, 41, 42}, []string{"ZTNA", "ZTNA_FGF", "EPP_ZTNA", "EPP_ZTNA_FGF", "chromebook", "addons"}, "ZTNA", "int int int int int list"},
		{205, "fortiSASE", "FORTISASE", "FortiSASE", Cloud, []int{48, 49, 50, 51, 59, 72}, []string{"users", "service", "bandwidth", "dedicatedIPs", "computeRegion", "onRampLocations"}, "", "int str int int int int"},
		{206, "fortiEDR", "FORTIEDR", "FortiEDR (MSSP)", Cloud, []int{46, 47, 52, 76}, []string{"service", "endpoints", "addons", "repoStorage"}, "", "str int list int"},
		{207, "fortiNDRCloud", "FORTINDR_CLOUD", "FortiNDR Cloud", Cloud, []int{60}, []string{"meteredUsage"}, "", "int"},
		{208, "fortiRecon", "FORTIRECON", "FortiRecon", Cloud, []int{61, 62, 63, 64, 65}, []string{"service", "assets", "networks", "executives", "vendors"}, "SERVICEPACK", "str int int int int"},
		{209, "fortiSIEMCloud", "SIEM_CLOUD", "FortiSIEM Cloud", Cloud, []int{66, 67, 68}, []string{"computeUnits", "onlineStorage", "archiveStorage"}, "", "int int int"},
		{211, "fortiAppSec", "FORTIAPPSEC", "FortiAppSec", Cloud, []int{82, 83, 84, 85, 86, 87, 88}, []string{"serviceTypes", "wafServicePkg", "wafAddons", "throughput", "applications", "qps", "healthChecks"}, "SERVICEPACK", "list str list int int int int"},
		{212, "fortiDLP", "FORTIDLP", "FortiDLP", Cloud, []int{90, 91, 92}, []string{"service", "endpoints", "addons"}, "", "str int list"},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			p, ok := ProductByID(tc.id)
			require.True(t, ok)
			q, ok := ProductByKey(tc.key)
			require.True(t, ok)
			assert.Same(t, p, q)
			assert.Equal(t, tc.key, p.Key)
			assert.Equal(t, tc.tf, p.TFCode)
			assert.Equal(t, tc.name, p.Name)
			assert.Equal(t, tc.ff, p.FormFactor)
			var ids []int
			var types []string
			for _, prm := range p.Params {
				ids = append(ids, prm.ID)
				types = append(types, prm.Type)
			}
			assert.Equal(t, tc.params, ids)
			assert.Equal(t, tc.names, p.ParamNames())
			assert.Equal(t, tc.typesOfParamsInOrderRaw, strings.Join(types, " "))
			assert.Equal(t, tc.apiNameForFirstParam, p.Params[0].APIName)
		})
	}
}

func TestParamInvariants(t *testing.T) {
	seen := map[int]string{}
	for _, p := range Products() {
		names := map[string]bool{}
		for _, prm := range p.Params {
			t.Run(p.Key+"."+prm.Name, func(t *testing.T) {
				if other, dup := seen[prm.ID]; dup {
					t.Fatalf("param id %d used by %s and %s", prm.ID, other, p.Key)
				}
				seen[prm.ID] = p.Key
				assert.False(t, names[prm.Name], "duplicate name")
				names[prm.Name] = true
				assert.NotEmpty(t, prm.TFName)
				assert.NotEmpty(t, prm.Label)
				assert.NotEmpty(t, prm.Description)
				assert.NotContains(t, prm.Description, "\n")
				if prm.Required {
					assert.Empty(t, prm.Default, "required params have no default")
				}
				switch prm.Kind {
				case Numeric:
					assert.Equal(t, "int", prm.Type)
					require.NotNil(t, prm.Min)
					require.NotNil(t, prm.Max)
					assert.LessOrEqual(t, *prm.Min, *prm.Max)
					assert.Empty(t, prm.Choices)
					if prm.Default != "" {
						_, err := strconv.Atoi(prm.Default)
						require.NoError(t, err)
					}
				case Single:
					assert.Equal(t, "str", prm.Type)
					assert.NotEmpty(t, prm.Choices)
					assert.Nil(t, prm.Min)
					if prm.Default != "" {
						assert.Equal(t, NONE, prm.Default)
						assert.False(t, prm.Required)
					}
				case Multi:
					assert.Equal(t, "list", prm.Type)
					assert.NotEmpty(t, prm.Choices)
					assert.Equal(t, NONE, prm.Default)
					assert.False(t, prm.Required)
				case ReadOnly:
					assert.Equal(t, "int", prm.Type)
					assert.Empty(t, prm.Default)
					assert.False(t, prm.Required)
				default:
					t.Fatalf("bad kind %v", prm.Kind)
				}
				for i, c := range prm.Choices {
					assert.NotContains(t, prm.Choices[:i], c, "duplicate choice")
				}
				for i := 1; i < len(prm.Discrete); i++ {
					assert.Less(t, prm.Discrete[i-1], prm.Discrete[i])
				}
			})
		}
	}
}

// The defaults themselves must pass validation.
func TestDefaultsAreValid(t *testing.T) {
	for _, p := range Products() {
		for _, prm := range p.Params {
			if prm.Default == "" {
				continue
			}
			t.Run(p.Key+"."+prm.Name, func(t *testing.T) {
				v := any(prm.Default)
				if prm.Kind == Multi {
					v = []string{}
				}
				e := p.checkValue(&prm, v, false)
				assert.Nil(t, e)
			})
		}
	}
}

func TestModelLists(t *testing.T) {
	tests := []struct {
		name  string
		id    int
		count int
		some  []string
	}{
		{"fortigate", 27, 149, []string{"FGT40F", "FD9H1G", "FG39E6", "FGR35D"}},
		{"fortiap", 55, 27, []string{"FP23JF", "F432FR", "FP231E"}},
		{"fortiswitch", 53, 57, []string{"S108EN", "SR24FP", "FS3E32"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, prm, ok := ParamByID(tc.id)
			require.True(t, ok)
			assert.Len(t, prm.Choices, tc.count)
			for _, m := range tc.some {
				assert.Contains(t, prm.Choices, m)
			}
			sorted := slices.Clone(prm.Choices)
			slices.Sort(sorted)
			assert.Len(t, slices.Compact(sorted), tc.count, "no duplicates")
		})
	}
}

func TestSpecDecisions(t *testing.T) {
	tests := []struct {
		name   string
		key    string
		values map[string]any
	}{
		{"FGTFCSS accepted in id 43 (§12 #14)", "fortiGateBundle", map[string]any{"cpu": 2, "service": "FC", "fortiGuardServices": []string{"FGTFCSS"}}},
		{"FGHWFCSS accepted in id 29 (§12 #15)", "fortiGateHardware", map[string]any{"model": "FGT60F", "service": "FGHWFC247", "addons": []string{"FGHWFCSS"}}},
		{"SASE bandwidth and dedicatedIPs 0 (§12 #10)", "fortiSASE", map[string]any{"users": 50, "service": "FSASESTD", "bandwidth": 0, "dedicatedIPs": 0}},
		{"FortiManager adom 0 (§12 #11)", "fortiManager", map[string]any{"device": 1, "adom": 0}},
		{"Recon executives/vendors 0 with ACI (§12 #12)", "fortiRecon", map[string]any{"service": "FRNEASMBPACI", "assets": 200, "executives": 0, "vendors": 0}},
		{"FortiNAC FNCFC247 (§12 #13)", "fortiNAC", map[string]any{"service": "FNCPRO", "endpoints": 25, "supportService": "FNCFC247"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := ProductByKey(tc.key)
			require.True(t, ok)
			assert.Empty(t, p.Validate(tc.values))
		})
	}
	nac, _ := ProductByKey("fortiNAC")
	assert.NotEmpty(t, nac.Validate(map[string]any{"service": "FNCPRO", "endpoints": 25, "supportService": "FCTFC247"}))
}

func TestParamByIDAndName(t *testing.T) {
	tests := []struct {
		id   int
		want string
	}{
		{1, "fortiGateBundle.cpu"},
		{43, "fortiGateBundle.fortiGuardServices"},
		{4, "fortiWeb.cpu"},
		{83, "fortiAppSec.wafServicePkg"},
		{92, "fortiDLP.addons"},
		{3, "fortiManager.device (legacy id 3)"},
		{17, "parameter id 17"},
		{-1, "parameter id -1"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			assert.Equal(t, tc.want, ParamName(tc.id))
		})
	}
	p, prm, ok := ParamByID(59)
	require.True(t, ok)
	assert.Equal(t, "fortiSASE", p.Key)
	assert.Equal(t, "computeRegion", prm.Name)
	assert.True(t, prm.ScaleUpOnly)
	_, _, ok = ParamByID(6000)
	assert.False(t, ok)
	_, ok = ProductByKey("nope")
	assert.False(t, ok)
	_, ok = ProductByID(6)
	assert.False(t, ok)
}

func TestIncumbentTypes(t *testing.T) {
	tests := []struct {
		key, name, typ string
	}{
		{"fortiGateBundle", "cpu", "int"},
		{"fortiWeb", "cpu", "str"},
		{"fortiADC", "cpu", "str"},
		{"fortiMail", "cpu", "str"},
		{"fortiGateBundle", "fortiGuardServices", "list"},
		{"fortiEDR", "endpoints", "int"},
		{"fortiGateLCS", "vdom", "int"},
	}
	for _, tc := range tests {
		t.Run(tc.key+"."+tc.name, func(t *testing.T) {
			p, _ := ProductByKey(tc.key)
			prm, ok := p.Param(tc.name)
			require.True(t, ok)
			assert.Equal(t, tc.typ, prm.Type)
		})
	}
	web, _ := ProductByKey("fortiWeb")
	cpu, _ := web.Param("cpu")
	assert.Equal(t, []string{"1", "2", "4", "8", "16"}, cpu.Choices)
}

func TestDescriptions(t *testing.T) {
	tests := []struct {
		id   int
		want string
	}{
		{1, "Number of vCPUs. Integer from 1 to 96. Old configurations may still hold 2147483647 (the retired \"unlimited\")."},
		{2, "Service bundle. One of FC (FortiCare Premium), UTP (Unified Threat Protection), ENT (Enterprise), ATP (Advanced Threat Protection). The retired value UTM may still appear in old configurations."},
		{45, "Support upgrade. One of FGTFCELU (FortiCare Elite upgrade). Defaults to NONE (not selected)."},
		{37, "Number of ZTNA/VPN endpoints. Either 0 or an integer from 25 to 25000. Must be a multiple of 25."},
		{76, "Repository storage in GB. Integer from 0 to 30720. Must be a multiple of 512. Can only be increased, never decreased. Defaults to 0."},
		{36, "Add-ons. List of any of BPS (FortiCare Best Practice); an empty list is sent as NONE."},
		{60, "Metered usage. Read-only: computed by FortiFlex, reported in results and never sent on create or update."},
		{27, "FortiGate hardware model code, e.g. FGT60F. One of 149 codes (see choices)."},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.id), func(t *testing.T) {
			_, prm, ok := ParamByID(tc.id)
			require.True(t, ok)
			assert.Equal(t, tc.want, prm.Description)
		})
	}
	_, prm, _ := ParamByID(34)
	assert.True(t, strings.HasPrefix(prm.Description, "Average throughput in Mbps. One of 25, 50, 75, 100, 150,"), prm.Description)
	assert.Contains(t, prm.Description, "900, 1000, 1500, 2000,")
	assert.True(t, strings.HasSuffix(prm.Description, "9500, 10000."), prm.Description)
}

func TestThroughputSets(t *testing.T) {
	_, private, _ := ParamByID(32)
	_, public, _ := ParamByID(34)
	assert.Equal(t, []int{10, 25, 50, 75, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 1500}, private.Discrete[:19])
	assert.Equal(t, 10000, private.Discrete[len(private.Discrete)-1])
	assert.Equal(t, private.Discrete[1:], public.Discrete)
	assert.Len(t, private.Discrete, 36)
}

func TestMetadata(t *testing.T) {
	m := Metadata()
	require.Len(t, m.ProductTypes, 24)
	raw, err := json.Marshal(m)
	require.NoError(t, err)
	var back struct {
		ProductTypes []struct {
			ProductTypeID int `json:"productTypeId"`
			Name          string
			FormFactor    struct {
				FormFactorID int    `json:"formFactorId"`
				Name         string `json:"name"`
			} `json:"formFactor"`
			Parameters []struct {
				ParameterID int             `json:"parameterId"`
				Name        string          `json:"name"`
				Type        string          `json:"type"`
				MinValue    *int            `json:"minValue"`
				MaxValue    *int            `json:"maxValue"`
				Step        *int            `json:"step"`
				ValidValues []MetadataValue `json:"validValues"`
			} `json:"parameters"`
		} `json:"productTypes"`
	}
	require.NoError(t, json.Unmarshal(raw, &back))
	fgt := back.ProductTypes[0]
	assert.Equal(t, 1, fgt.ProductTypeID)
	assert.Equal(t, "FortiGate Virtual Machine - Service Bundle", fgt.Name)
	assert.Equal(t, 1, fgt.FormFactor.FormFactorID)
	assert.Equal(t, "Virtual Machines", fgt.FormFactor.Name)
	cpu := fgt.Parameters[0]
	assert.Equal(t, "Number of CPUs", cpu.Name)
	assert.Equal(t, "NUMERIC", cpu.Type)
	assert.Equal(t, 1, *cpu.MinValue)
	assert.Equal(t, 96, *cpu.MaxValue)
	assert.Equal(t, 1, *cpu.Step)
	svc := fgt.Parameters[1]
	assert.Equal(t, "SINGLEVALUE", svc.Type)
	assert.Nil(t, svc.MinValue)
	assert.Equal(t, MetadataValue{Value: "FC", Description: "FortiCare Premium"}, svc.ValidValues[0])
	assert.Equal(t, "MULTIVALUE", fgt.Parameters[3].Type)

	last := back.ProductTypes[23]
	assert.Equal(t, 212, last.ProductTypeID)
	assert.Equal(t, 3, last.FormFactor.FormFactorID)
	appsec := back.ProductTypes[22]
	assert.Equal(t, "READONLY", appsec.Parameters[4].Type)
	assert.Equal(t, "Queries per Second", appsec.Parameters[5].Name)
	assert.NotNil(t, appsec.Parameters[4].ValidValues, "validValues is [] not null")
	assert.Contains(t, string(raw), `"validValues":[]`)
}

func TestStrings(t *testing.T) {
	assert.Equal(t, "VM", VM.String())
	assert.Equal(t, "Hardware", Hardware.String())
	assert.Equal(t, "Cloud", Cloud.String())
	assert.Equal(t, "FormFactor(9)", FormFactor(9).String())
	assert.Equal(t, "NUMERIC", Numeric.String())
	assert.Equal(t, "READONLY", ReadOnly.String())
	assert.Equal(t, "Kind(0)", Kind(0).String())
}
