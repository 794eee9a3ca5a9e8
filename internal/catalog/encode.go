package catalog

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Encode turns Ansible-shaped values (keys are Param.Name) into API entries,
// in Params order:
//   - numbers are formatted as decimal strings ("5", never "5.0");
//   - a list expands into one entry per element with the same id, and an empty
//     list (or ["NONE"]) becomes one {id, "NONE"};
//   - read-only parameters and nil values are dropped;
//   - keys that are decimal numbers are raw parameter ids (the incumbent's
//     bypass_validation): passed through as given (a list repeats the id),
//     after the named parameters, ordered by id.
//
// Unknown non-numeric keys and values of the wrong shape are errors. Encode
// does not check ranges or choices; see Validate.
func (p *Product) Encode(values map[string]any) ([]APIParam, error) {
	return p.encode(values, false)
}

// EncodeForCalc is Encode for tools/calc: read-only parameters that are
// given (fortiEDR.endpoints) are kept, since the estimate needs them.
func (p *Product) EncodeForCalc(values map[string]any) ([]APIParam, error) {
	return p.encode(values, true)
}

func (p *Product) encode(values map[string]any, keepReadOnly bool) ([]APIParam, error) {
	if err := p.checkKeys(values); err != nil {
		return nil, err
	}
	var out []APIParam
	for i := range p.Params {
		prm := &p.Params[i]
		v, ok := values[prm.Name]
		if !ok || v == nil {
			continue
		}
		switch prm.Kind {
		case ReadOnly:
			if !keepReadOnly {
				continue
			}
			n, ok := asInt(v)
			if !ok {
				return nil, p.errf(prm, "%s is not an integer", showValue(v))
			}
			out = append(out, APIParam{prm.ID, strconv.Itoa(n)})
		case Numeric:
			n, ok := asInt(v)
			if !ok {
				return nil, p.errf(prm, "%s is not an integer", showValue(v))
			}
			out = append(out, APIParam{prm.ID, strconv.Itoa(n)})
		case Single:
			s, ok := asString(v)
			if !ok {
				return nil, p.errf(prm, "expected a string, got %s", typeName(v))
			}
			out = append(out, APIParam{prm.ID, s})
		case Multi:
			list, ok := asList(v)
			if !ok {
				return nil, p.errf(prm, "expected a list of strings, got %s", typeName(v))
			}
			out = appendList(out, prm.ID, list)
		}
	}
	raw, err := rawEntries(p, values)
	if err != nil {
		return nil, err
	}
	return append(out, raw...), nil
}

// appendList adds one entry per value, "NONE" entries removed, or a single
// NONE entry when nothing is left.
func appendList(out []APIParam, id int, list []string) []APIParam {
	n := 0
	for _, s := range list {
		if s == NONE {
			continue
		}
		out = append(out, APIParam{id, s})
		n++
	}
	if n == 0 {
		out = append(out, APIParam{id, NONE})
	}
	return out
}

// rawEntries encodes the numeric keys, ordered by id.
func rawEntries(p *Product, values map[string]any) ([]APIParam, error) {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var ids []int
	keyOf := map[int]string{}
	for _, k := range keys {
		if id, ok := rawID(k); ok && values[k] != nil {
			if prev, dup := keyOf[id]; dup {
				return nil, fmt.Errorf("%s: parameter id %d given twice (%q and %q)", p.Key, id, prev, k)
			}
			ids = append(ids, id)
			keyOf[id] = k
		}
	}
	sort.Ints(ids)
	var out []APIParam
	for _, id := range ids {
		v := values[keyOf[id]]
		if s, ok := asString(v); ok {
			out = append(out, APIParam{id, s})
			continue
		}
		list, ok := asList(v)
		if !ok {
			return nil, fmt.Errorf("%s: raw parameter %q: expected a string, a number or a list, got %s", p.Key, keyOf[id], typeName(v))
		}
		out = appendList(out, id, list)
	}
	return out, nil
}

// checkKeys reports unknown non-numeric keys, naming the accepted ones.
func (p *Product) checkKeys(values map[string]any) error {
	unknown := p.unknownKeys(values)
	if len(unknown) == 0 {
		return nil
	}
	return p.unknownError(unknown)
}

func (p *Product) unknownKeys(values map[string]any) []string {
	var unknown []string
	for k := range values {
		if _, ok := rawID(k); ok {
			continue
		}
		if _, ok := p.Param(k); !ok {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	return unknown
}

func (p *Product) unknownError(unknown []string) error {
	q := make([]string, len(unknown))
	for i, k := range unknown {
		q[i] = strconv.Quote(k)
	}
	word := "parameter"
	if len(q) > 1 {
		word = "parameters"
	}
	return &ValidationError{Product: p.Key, Msg: fmt.Sprintf("unknown %s %s (accepted: %s)", word, strings.Join(q, ", "), strings.Join(p.ParamNames(), ", "))}
}

// rawID reports whether a key is a raw parameter id: ASCII digits only.
func rawID(k string) (int, bool) {
	if k == "" || len(k) > 9 {
		return 0, false
	}
	for _, c := range k {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(k)
	return n, err == nil
}

// WithDefaults returns entries plus one entry for every non-read-only
// parameter that is absent from them and has a Default, in Params order.
// The input slice is not modified.
func (p *Product) WithDefaults(entries []APIParam) []APIParam {
	out := make([]APIParam, len(entries), len(entries)+len(p.Params))
	copy(out, entries)
	present := map[int]bool{}
	for _, e := range entries {
		present[e.ID] = true
	}
	for _, prm := range p.Params {
		if prm.Kind == ReadOnly || prm.Default == "" || present[prm.ID] {
			continue
		}
		out = append(out, APIParam{prm.ID, prm.Default})
	}
	return out
}

// Decode turns API entries into the shape the incumbent's playbooks read:
// keys are Param.Name; Single, Numeric and ReadOnly values stay the API's
// string ("2"); Multi values are always a []string without "NONE" (empty
// when NONE). Ids the product does not know are keyed by their decimal id,
// as a string, or a []string when repeated.
func (p *Product) Decode(entries []APIParam) map[string]any {
	out := make(map[string]any, len(p.Params))
	for _, e := range entries {
		prm, ok := p.paramByID(e.ID)
		if !ok {
			k := strconv.Itoa(e.ID)
			switch prev := out[k].(type) {
			case nil:
				out[k] = e.Value
			case string:
				out[k] = []string{prev, e.Value}
			case []string:
				out[k] = append(prev, e.Value)
			}
			continue
		}
		if prm.Kind == Multi {
			list, _ := out[prm.Name].([]string)
			if list == nil {
				list = []string{}
			}
			if e.Value != NONE && e.Value != "" {
				list = append(list, e.Value)
			}
			out[prm.Name] = list
			continue
		}
		if _, seen := out[prm.Name]; !seen {
			out[prm.Name] = e.Value
		}
	}
	return out
}

// asInt accepts Go integers, integral floats, json.Number and strings that
// hold a decimal integer (Ansible passes "5" for "{{ x | int }}"). Booleans
// are not integers.
func asInt(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int8:
		return int(x), true
	case int16:
		return int(x), true
	case int32:
		return int(x), true
	case int64:
		return int(x), x >= math.MinInt && x <= math.MaxInt
	case uint:
		return int(x), x <= math.MaxInt
	case uint8:
		return int(x), true
	case uint16:
		return int(x), true
	case uint32:
		return int(x), uint64(x) <= math.MaxInt
	case uint64:
		return int(x), x <= math.MaxInt
	case float32:
		return floatInt(float64(x))
	case float64:
		return floatInt(x)
	case json.Number:
		return asInt(string(x))
	case string:
		s := strings.TrimSpace(x)
		if n, err := strconv.Atoi(s); err == nil {
			return n, true
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && strings.ContainsAny(s, ".eE") {
			return floatInt(f)
		}
	}
	return 0, false
}

func floatInt(f float64) (int, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) || f < -(1<<53) || f > 1<<53 {
		return 0, false
	}
	return int(f), true
}

// asString accepts strings and numbers (formatted like asInt; Ansible's str
// type turns 4 into "4"). Lists, maps and booleans are not strings.
func asString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return string(x), true
	case bool, nil:
		return "", false
	}
	if n, ok := asInt(v); ok {
		return strconv.Itoa(n), true
	}
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), !math.IsNaN(x) && !math.IsInf(x, 0)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32), !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0)
	}
	return "", false
}

// asList accepts []string, []any of strings or numbers, and a
// comma-separated string (as Ansible's list type does). "" is an empty list.
func asList(v any) ([]string, bool) {
	switch x := v.(type) {
	case []string:
		return x, true
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := asString(e)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	case string:
		if strings.TrimSpace(x) == "" {
			return []string{}, true
		}
		parts := strings.Split(x, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		return parts, true
	}
	return nil, false
}

// showValue renders a user value for a message: strings quoted, integers bare.
func showValue(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case json.Number:
		return string(x)
	}
	if n, ok := asInt(v); ok {
		return strconv.Itoa(n)
	}
	if s, ok := asString(v); ok {
		return s
	}
	return "a " + typeName(v)
}

// typeName names a value's type in Ansible's words.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case string, json.Number:
		return "str"
	case []string, []any:
		return "list"
	case map[string]any:
		return "dict"
	case float32, float64:
		return "float"
	}
	if _, ok := asInt(v); ok {
		return "int"
	}
	return fmt.Sprintf("%T", v)
}
