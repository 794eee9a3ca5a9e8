package catalog

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzValidate feeds arbitrary JSON-shaped values (as Ansible would pass
// them) to every entry point that takes user values and asserts that none
// panics and that Validate's verdict agrees with Encode's about shapes.
func FuzzValidate(f *testing.F) {
	f.Add(1, `{"cpu": 2, "service": "FC"}`)
	f.Add(1, `{"cpu": "2", "service": "FC", "fortiGuardServices": ["FGTAVDB", "NONE"], "43": ["X"]}`)
	f.Add(205, `{"users": 1e308, "service": null, "bandwidth": -25, "dedicatedIPs": "65532"}`)
	f.Add(211, `{"serviceTypes": "UCWAF,UCGSLB", "wafServicePkg": 3.5, "qps": {}}`)
	f.Add(204, `{"ZTNA": 25.0, "addons": [1, true, null]}`)
	f.Add(101, `{"model": ["FGT60F"], "service": "", "addons": ""}`)
	f.Add(0, `{"": 0, "00000000000000000001": 1, "9": [[]]}`)
	f.Fuzz(func(t *testing.T, productIdx int, doc string) {
		var values map[string]any
		dec := json.NewDecoder(strings.NewReader(doc))
		if productIdx%2 == 0 {
			dec.UseNumber()
		}
		if err := dec.Decode(&values); err != nil {
			return
		}
		ps := Products()
		if productIdx < 0 {
			productIdx = -productIdx
		}
		if productIdx < 0 { // math.MinInt
			productIdx = 0
		}
		p := &ps[productIdx%len(ps)]
		errs := p.Validate(values)
		_ = p.ValidateForCalc(values)
		_ = p.Warnings(values)
		for _, e := range errs {
			if e == nil || e.Error() == "" {
				t.Fatalf("empty error from Validate(%s)", doc)
			}
		}
		entries, err := p.Encode(values)
		if len(errs) == 0 && err != nil {
			t.Fatalf("Validate accepted %s but Encode failed: %v", doc, err)
		}
		_, _ = p.EncodeForCalc(values)
		full := p.WithDefaults(entries)
		back := p.Decode(full)
		_ = p.ValidateChange(full, entries)
		if len(errs) == 0 && err == nil {
			// What validated must survive Decode → Encode unchanged.
			again, err := p.Encode(back)
			if err != nil {
				t.Fatalf("re-encode of %v: %v", back, err)
			}
			if len(again) != len(full) {
				t.Fatalf("round trip changed length: %v vs %v", full, again)
			}
		}
	})
}
