package ansiblemod

import "fmt"

// Params are a module's validated options: every option of the spec is
// present, holding the converted value, its default, or nil.
type Params struct {
	values map[string]any
	given  map[string]bool
}

// NewParams builds Params from already validated values (tests, and modules
// that validate a sub-structure themselves).
func NewParams(values map[string]any, given map[string]bool) Params {
	if given == nil {
		given = map[string]bool{}
		for k, v := range values {
			given[k] = v != nil
		}
	}
	return Params{values: values, given: given}
}

// Given reports whether the user (or an environment fallback) set the
// option to a non-null value, as opposed to it holding its default.
func (p Params) Given(name string) bool { return p.given[name] }

// Raw returns the option's value as validated (nil when unset).
func (p Params) Raw(name string) any { return p.values[name] }

// String returns a str/path option ("" when unset).
func (p Params) String(name string) string {
	s, _ := p.values[name].(string)
	return s
}

// Int returns an int option (0 when unset).
func (p Params) Int(name string) int {
	n, _ := p.values[name].(int)
	return n
}

// IntPtr returns an int option, nil when unset.
func (p Params) IntPtr(name string) *int {
	n, ok := p.values[name].(int)
	if !ok {
		return nil
	}
	return &n
}

// Bool returns a bool option (false when unset).
func (p Params) Bool(name string) bool {
	b, _ := p.values[name].(bool)
	return b
}

// Float returns a float option (0 when unset).
func (p Params) Float(name string) float64 {
	f, _ := p.values[name].(float64)
	return f
}

// Strings returns a list option as strings (nil when unset).
func (p Params) Strings(name string) []string {
	list, ok := p.values[name].([]any)
	if !ok {
		return nil
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = fmt.Sprint(v)
	}
	return out
}

// Dict returns a dict option (nil when unset).
func (p Params) Dict(name string) map[string]any {
	m, _ := p.values[name].(map[string]any)
	return m
}

// Map returns all options with their values, for invocation.module_args.
func (p Params) Map() map[string]any {
	out := make(map[string]any, len(p.values))
	for k, v := range p.values {
		out[k] = v
	}
	return out
}
