package ansiblemod

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// ValidationError is an option error, worded as AnsibleModule words it.
type ValidationError struct{ Msg string }

func (e *ValidationError) Error() string { return e.Msg }

// validation holds the outcome of validating one (sub)spec.
type validation struct {
	params   map[string]any  // every option of the spec: converted value, default or nil
	given    map[string]bool // options the user (or an env fallback) set to a non-null value
	errs     []error
	warnings []string
	noLog    []string // values that must never appear in output
	unknown  []string // unsupported parameter paths, reported with the supported names
}

// validate checks raw (decoded from JSON with UseNumber) against spec, the
// way ansible.module_utils.common.arg_spec does, in the same order.
func validate(spec Spec, raw map[string]any, context []string, lookupEnv func(string) (string, bool)) *validation {
	v := &validation{params: map[string]any{}, given: map[string]bool{}}
	in := make(map[string]any, len(raw))
	for k, val := range raw {
		in[k] = val
	}
	byName := map[string]*Option{}
	legal := map[string]bool{}
	for i := range spec.Options {
		o := &spec.Options[i]
		byName[o.Name] = o
		legal[o.Name] = true
	}

	// Aliases: the canonical name takes the alias' value.
	var aliasNames []string
	for i := range spec.Options {
		o := &spec.Options[i]
		for _, a := range o.Aliases {
			legal[a] = true
			aliasNames = append(aliasNames, a)
			if val, ok := in[a]; ok {
				if _, both := in[o.Name]; both {
					v.warnings = append(v.warnings, fmt.Sprintf("Both option %s and its alias %s are set.", path(context, o.Name), path(context, a)))
				}
				in[o.Name] = val
				delete(in, a)
			}
		}
	}

	// Unsupported parameters.
	var unknown, unknownKeys []string
	for k := range in {
		if !legal[k] {
			unknown = append(unknown, path(context, k))
			unknownKeys = append(unknownKeys, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		names := make([]string, 0, len(spec.Options))
		for _, o := range spec.Options {
			names = append(names, o.Name)
		}
		sort.Strings(names)
		sort.Strings(aliasNames)
		supported := strings.Join(names, ", ")
		if len(aliasNames) > 0 {
			supported += " (" + strings.Join(aliasNames, ", ") + ")"
		}
		v.unknown = unknown
		v.errs = append(v.errs, &ValidationError{Msg: fmt.Sprintf("%s. Supported parameters include: %s.", strings.Join(unknown, ", "), supported)})
		for _, k := range unknownKeys {
			delete(in, k)
		}
	}

	isSet := func(name string) bool { val, ok := in[name]; return ok && val != nil }

	// Mutually exclusive.
	for _, group := range spec.MutuallyExclusive {
		n := 0
		for _, name := range group {
			if isSet(name) {
				n++
			}
		}
		if n > 1 {
			v.errs = append(v.errs, &ValidationError{Msg: withContext("parameters are mutually exclusive: "+strings.Join(group, "|"), context)})
		}
	}

	// Environment fallbacks, before the required check (as env_fallback does).
	for _, o := range spec.Options {
		if isSet(o.Name) || len(o.EnvFallback) == 0 {
			continue
		}
		for _, env := range o.EnvFallback {
			if val, ok := lookupEnv(env); ok {
				in[o.Name] = val
				break
			}
		}
	}

	// no_log values are collected before conversion so that the raw form is
	// masked as well as the converted one.
	for _, o := range spec.Options {
		if o.NoLog && isSet(o.Name) {
			v.noLog = append(v.noLog, scalarStrings(in[o.Name])...)
		}
	}

	// Required.
	var missing []string
	for _, o := range spec.Options {
		if o.Required && !isSet(o.Name) {
			missing = append(missing, o.Name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		v.errs = append(v.errs, &ValidationError{Msg: withContext("missing required arguments: "+strings.Join(missing, ", "), context)})
	}

	// Types and choices.
	for _, o := range spec.Options {
		if !isSet(o.Name) {
			continue
		}
		conv, err := convert(o.Type, in[o.Name])
		if err != nil {
			v.errs = append(v.errs, &ValidationError{Msg: typeError("argument", o.Name, in[o.Name], o.Type, err, context)})
			continue
		}
		if w, ok := conversionWarning(o.Type, in[o.Name], conv); ok {
			v.warnings = append(v.warnings, w)
		}
		if o.Type == TypeList && o.Elements != "" && o.Elements != TypeDict {
			list := conv.([]any)
			for i, el := range list {
				c, err := convert(o.Elements, el)
				if err != nil {
					v.errs = append(v.errs, &ValidationError{Msg: typeError("Elements value for option", o.Name, el, o.Elements, err, context)})
					break
				}
				list[i] = c
			}
		}
		if len(o.Choices) > 0 {
			if err := checkChoices(o, conv, context); err != nil {
				v.errs = append(v.errs, err)
				continue
			}
		}
		v.params[o.Name] = conv
		v.given[o.Name] = true
	}

	// Rules between options.
	for _, group := range spec.RequiredTogether {
		n := 0
		for _, name := range group {
			if isSet(name) {
				n++
			}
		}
		if n > 0 && n < len(group) {
			v.errs = append(v.errs, &ValidationError{Msg: withContext("parameters are required together: "+strings.Join(group, ", "), context)})
		}
	}
	for _, group := range spec.RequiredOneOf {
		found := false
		for _, name := range group {
			found = found || isSet(name)
		}
		if !found {
			v.errs = append(v.errs, &ValidationError{Msg: withContext("one of the following is required: "+strings.Join(group, ", "), context)})
		}
	}
	for _, r := range spec.RequiredIf {
		got, ok := v.params[r.Key]
		if !ok || fmt.Sprint(got) != fmt.Sprint(r.Value) {
			continue
		}
		var miss []string
		for _, name := range r.Requirements {
			if !isSet(name) {
				miss = append(miss, name)
			}
		}
		if (r.AnyOf && len(miss) == len(r.Requirements)) || (!r.AnyOf && len(miss) > 0) {
			word := "all"
			if r.AnyOf {
				word = "any"
			}
			v.errs = append(v.errs, &ValidationError{Msg: withContext(fmt.Sprintf("%s is %v but %s of the following are missing: %s", r.Key, r.Value, word, strings.Join(miss, ", ")), context)})
		}
	}

	// Defaults for what was not given.
	for _, o := range spec.Options {
		if _, ok := v.params[o.Name]; ok {
			continue
		}
		var def any
		if o.Default != nil {
			if c, err := convert(o.Type, o.Default); err == nil {
				def = c
			} else {
				panic(fmt.Sprintf("option %s: default %v is not a %s", path(context, o.Name), o.Default, o.Type))
			}
		}
		v.params[o.Name] = def
	}

	// Suboptions.
	for _, o := range spec.Options {
		if len(o.Options) == 0 || !v.given[o.Name] {
			continue
		}
		sub := Spec{Options: o.Options}
		switch val := v.params[o.Name].(type) {
		case map[string]any:
			v.params[o.Name] = v.sub(sub, val, append(context, o.Name), o.FreeForm, lookupEnv)
		case []any:
			for i, el := range val {
				m, ok := el.(map[string]any)
				if !ok {
					c, err := convert(TypeDict, el)
					if err != nil {
						v.errs = append(v.errs, &ValidationError{Msg: typeError("Elements value for option", o.Name, el, TypeDict, err, context)})
						continue
					}
					m = c.(map[string]any)
				}
				val[i] = v.sub(sub, m, append(context, o.Name), o.FreeForm, lookupEnv)
			}
		}
	}
	return v
}

// sub validates a dict against its suboptions and merges the outcome.
func (v *validation) sub(spec Spec, raw map[string]any, context []string, freeForm bool, lookupEnv func(string) (string, bool)) map[string]any {
	known := raw
	extra := map[string]any{}
	if freeForm {
		known = map[string]any{}
		legal := map[string]bool{}
		for _, o := range spec.Options {
			legal[o.Name] = true
			for _, a := range o.Aliases {
				legal[a] = true
			}
		}
		for k, val := range raw {
			if legal[k] {
				known[k] = val
			} else {
				extra[k] = normalize(val)
			}
		}
	}
	sv := validate(spec, known, append([]string(nil), context...), lookupEnv)
	v.errs = append(v.errs, sv.errs...)
	v.warnings = append(v.warnings, sv.warnings...)
	v.noLog = append(v.noLog, sv.noLog...)
	v.unknown = append(v.unknown, sv.unknown...)
	out := sv.params
	if freeForm {
		// Only the keys the user gave are kept, so that a free-form dict
		// does not grow every documented key with a null value.
		out = map[string]any{}
		for k := range sv.given {
			out[k] = sv.params[k]
		}
	}
	for k, val := range extra {
		out[k] = val
	}
	return out
}

func path(context []string, name string) string {
	if len(context) == 0 {
		return name
	}
	return strings.Join(context, ".") + "." + name
}

func withContext(msg string, context []string) string {
	if len(context) == 0 {
		return msg
	}
	return msg + " found in " + strings.Join(context, " -> ")
}

func typeError(what, name string, val any, want Type, err error, context []string) string {
	msg := fmt.Sprintf("%s '%s' is of type %s", what, name, pyType(val))
	if len(context) > 0 {
		msg += fmt.Sprintf(" found in '%s'.", strings.Join(context, " -> "))
	}
	return msg + fmt.Sprintf(" and we were unable to convert to %s: %v", want, err)
}

// pyType names a JSON value's type the way Python prints it, as
// AnsibleModule's messages do.
func pyType(v any) string {
	switch x := v.(type) {
	case nil:
		return "<class 'NoneType'>"
	case string:
		return "<class 'str'>"
	case bool:
		return "<class 'bool'>"
	case json.Number:
		if isIntLiteral(string(x)) {
			return "<class 'int'>"
		}
		return "<class 'float'>"
	case int, int64:
		return "<class 'int'>"
	case float64:
		return "<class 'float'>"
	case []any:
		return "<class 'list'>"
	case map[string]any:
		return "<class 'dict'>"
	}
	return fmt.Sprintf("<class '%T'>", v)
}

func isIntLiteral(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

var (
	boolTrue  = map[string]bool{"y": true, "yes": true, "on": true, "1": true, "true": true, "t": true, "1.0": true}
	boolFalse = map[string]bool{"n": true, "no": true, "off": true, "0": true, "false": true, "f": true, "0.0": true}
)

// convert coerces a raw JSON value to an option type, as AnsibleModule's
// check_type_* functions do.
func convert(t Type, val any) (any, error) {
	switch t {
	case TypeStr, TypePath:
		var s string
		switch x := val.(type) {
		case string:
			s = x
		case json.Number:
			s = string(x)
		case bool:
			s = "False"
			if x {
				s = "True"
			}
		case int:
			s = strconv.Itoa(x)
		case int64:
			s = strconv.FormatInt(x, 10)
		case float64:
			s = strconv.FormatFloat(x, 'f', -1, 64)
		default:
			return nil, fmt.Errorf("a %s cannot be used where a string is expected", strings.Trim(pyType(val), "<>"))
		}
		if t == TypePath {
			s = os.ExpandEnv(expandUser(s))
		}
		return s, nil
	case TypeInt:
		switch x := val.(type) {
		case int:
			return x, nil
		case int64:
			return int(x), nil
		case json.Number:
			if n, err := strconv.ParseInt(string(x), 10, 64); err == nil {
				return int(n), nil
			}
			return nil, fmt.Errorf("%s is not a whole number", x)
		case float64:
			if x == math.Trunc(x) && !math.IsInf(x, 0) {
				return int(x), nil
			}
			return nil, fmt.Errorf("%v is not a whole number", x)
		case string:
			if n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil {
				return int(n), nil
			}
			return nil, fmt.Errorf("%q cannot be converted to an int", x)
		}
		return nil, fmt.Errorf("%s cannot be converted to an int", pyType(val))
	case TypeFloat:
		switch x := val.(type) {
		case json.Number:
			return strconv.ParseFloat(string(x), 64)
		case float64:
			return x, nil
		case int:
			return float64(x), nil
		case string:
			if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
				return f, nil
			}
			return nil, fmt.Errorf("%q cannot be converted to a float", x)
		}
		return nil, fmt.Errorf("%s cannot be converted to a float", pyType(val))
	case TypeBool:
		switch x := val.(type) {
		case bool:
			return x, nil
		case string, json.Number:
			s := strings.ToLower(strings.TrimSpace(fmt.Sprint(x)))
			if boolTrue[s] {
				return true, nil
			}
			if boolFalse[s] {
				return false, nil
			}
		}
		return nil, fmt.Errorf("The value '%v' is not a valid boolean.  Valid booleans include: 'y', 'yes', 'on', '1', 'true', 't', 'n', 'no', 'off', '0', 'false', 'f'", val)
	case TypeList:
		switch x := val.(type) {
		case []string:
			out := make([]any, len(x))
			for i, el := range x {
				out[i] = el
			}
			return out, nil
		case []any:
			out := make([]any, len(x))
			for i, el := range x {
				out[i] = normalize(el)
			}
			return out, nil
		case string:
			if x == "" {
				return []any{}, nil
			}
			parts := strings.Split(x, ",")
			out := make([]any, len(parts))
			for i, p := range parts {
				out[i] = p
			}
			return out, nil
		case json.Number:
			return []any{string(x)}, nil
		}
		return nil, fmt.Errorf("%s cannot be converted to a list", pyType(val))
	case TypeDict:
		switch x := val.(type) {
		case map[string]any:
			return normalize(x), nil
		case string:
			return parseDictString(x)
		}
		return nil, fmt.Errorf("%s cannot be converted to a dict", pyType(val))
	case TypeRaw, "":
		return normalize(val), nil
	}
	return nil, fmt.Errorf("unknown option type %q", t)
}

// conversionWarning reproduces AnsibleModule's warning when a non-string
// value is converted for a string option.
func conversionWarning(t Type, raw, conv any) (string, bool) {
	if t != TypeStr {
		return "", false
	}
	if _, ok := raw.(string); ok {
		return "", false
	}
	return fmt.Sprintf("The value %v (type %s) in a string field was converted to '%v' (type string). If this does not look like what you expect, quote the entire value to ensure it does not change.",
		raw, strings.TrimSuffix(strings.TrimPrefix(pyType(raw), "<class '"), "'>"), conv), true
}

// normalize turns json.Number into int or float64, recursively.
func normalize(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return int(n)
		}
		f, _ := strconv.ParseFloat(string(x), 64)
		return f
	case []any:
		out := make([]any, len(x))
		for i, el := range x {
			out[i] = normalize(el)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, el := range x {
			out[k] = normalize(el)
		}
		return out
	}
	return v
}

// parseDictString accepts the two string forms check_type_dict accepts:
// a JSON object, or k=v pairs separated by commas or spaces.
func parseDictString(s string) (any, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") {
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			return nil, fmt.Errorf("invalid JSON: %v", err)
		}
		return normalize(m), nil
	}
	out := map[string]any{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		k, val, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("dictionary requested, could not parse JSON or key=value")
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(val)
	}
	return out, nil
}

func checkChoices(o Option, val any, context []string) error {
	ok := map[string]bool{}
	for _, c := range o.Choices {
		ok[c] = true
	}
	if list, isList := val.([]any); isList {
		var bad []string
		for _, el := range list {
			if !ok[fmt.Sprint(el)] {
				bad = append(bad, fmt.Sprint(el))
			}
		}
		if len(bad) > 0 {
			return &ValidationError{Msg: withContext(fmt.Sprintf("value of %s must be one or more of: %s. Got no match for: %s", o.Name, strings.Join(o.Choices, ", "), strings.Join(bad, ", ")), context)}
		}
		return nil
	}
	if !ok[fmt.Sprint(val)] {
		return &ValidationError{Msg: withContext(fmt.Sprintf("value of %s must be one of: %s, got: %v", o.Name, strings.Join(o.Choices, ", "), val), context)}
	}
	return nil
}

func expandUser(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return home + p[1:]
		}
	}
	return p
}

// scalarStrings lists the string forms of every scalar inside v.
func scalarStrings(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		var out []string
		for _, el := range x {
			out = append(out, scalarStrings(el)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, el := range x {
			out = append(out, scalarStrings(el)...)
		}
		return out
	case bool:
		return nil
	}
	s := fmt.Sprint(v)
	if s == "" {
		return nil
	}
	return []string{s}
}
