package ansiblemod

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Request is what a module's Run receives.
type Request struct {
	Module    *Module
	Params    Params
	CheckMode bool
	Diff      bool
	Verbosity int
	// ModuleName is the name Ansible ran the module under (FQCN or short).
	ModuleName string
}

// Result collects what a module returns. Run fills it; the runtime writes it.
type Result struct {
	Changed      bool
	Data         map[string]any // module-specific return keys
	DiffBefore   any
	DiffAfter    any
	hasDiff      bool
	warnings     []string
	deprecations []map[string]any
	noLog        []string
}

// Set stores a return key.
func (r *Result) Set(key string, value any) {
	if r.Data == nil {
		r.Data = map[string]any{}
	}
	r.Data[key] = value
}

// SetDiff records the before/after states shown with --diff.
func (r *Result) SetDiff(before, after any) {
	r.DiffBefore, r.DiffAfter, r.hasDiff = before, after, true
}

// Warn adds a warning shown by Ansible.
func (r *Result) Warn(format string, args ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf(format, args...))
}

// Deprecate adds a deprecation notice.
func (r *Result) Deprecate(msg, version string) {
	r.deprecations = append(r.deprecations, map[string]any{"msg": msg, "version": version, "collection_name": "flexgo.fortiflexvm"})
}

// NoLog registers a secret found at run time (not an option) so that it is
// masked everywhere in the result.
func (r *Result) NoLog(secret string) {
	if secret != "" {
		r.noLog = append(r.noLog, secret)
	}
}

// Failure is an error that carries extra return keys with the failure.
type Failure struct {
	Msg  string
	Data map[string]any
}

func (f *Failure) Error() string { return f.Msg }

// Fail returns a *Failure with a formatted message.
func Fail(format string, args ...any) error {
	return &Failure{Msg: fmt.Sprintf(format, args...)}
}

const (
	noLogPlaceholder = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
	mask             = "********"
)

// render builds the JSON object Ansible reads. Every no_log value is
// replaced, wherever it occurs, exactly as AnsibleModule's remove_values does.
func render(res *Result, runErr error, invocation map[string]any, diff bool, noLog []string) map[string]any {
	out := map[string]any{}
	for k, v := range res.Data {
		out[k] = v
	}
	out["changed"] = res.Changed
	if runErr != nil {
		out["failed"] = true
		out["msg"] = runErr.Error()
		var f *Failure
		if errors.As(runErr, &f) {
			for k, v := range f.Data {
				out[k] = v
			}
		}
	}
	if diff && res.hasDiff {
		out["diff"] = map[string]any{"before": res.DiffBefore, "after": res.DiffAfter}
	}
	if len(res.warnings) > 0 {
		out["warnings"] = res.warnings
	}
	if len(res.deprecations) > 0 {
		out["deprecations"] = res.deprecations
	}
	if invocation != nil {
		out["invocation"] = map[string]any{"module_args": invocation}
	}
	secrets := append(append([]string(nil), noLog...), res.noLog...)
	// Longer secrets first, so that a secret containing another is masked whole.
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	return scrub(plain(out), secrets).(map[string]any)
}

// plain turns typed values (structs, typed slices) into the generic JSON
// shapes scrub walks, so that no string escapes masking inside a struct.
func plain(v map[string]any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return map[string]any{"failed": true, "changed": v["changed"], "msg": "module result could not be encoded as JSON: " + err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out map[string]any
	if err := dec.Decode(&out); err != nil {
		return map[string]any{"failed": true, "changed": v["changed"], "msg": "module result could not be decoded: " + err.Error()}
	}
	return out
}

// maskInvocation replaces the values of no_log options by the placeholder.
func maskInvocation(spec Spec, params map[string]any) map[string]any {
	out := make(map[string]any, len(params))
	byName := map[string]Option{}
	for _, o := range spec.Options {
		byName[o.Name] = o
	}
	for k, v := range params {
		o, ok := byName[k]
		switch {
		case ok && o.NoLog && v != nil:
			out[k] = noLogPlaceholder
		case ok && len(o.Options) > 0:
			switch x := v.(type) {
			case map[string]any:
				out[k] = maskInvocation(Spec{Options: o.Options}, x)
			case []any:
				l := make([]any, len(x))
				for i, el := range x {
					if m, isMap := el.(map[string]any); isMap {
						l[i] = maskInvocation(Spec{Options: o.Options}, m)
					} else {
						l[i] = el
					}
				}
				out[k] = l
			default:
				out[k] = v
			}
		default:
			out[k] = v
		}
	}
	return out
}

func scrub(v any, secrets []string) any {
	if len(secrets) == 0 {
		return v
	}
	switch x := v.(type) {
	case string:
		for _, s := range secrets {
			if x == s {
				return noLogPlaceholder
			}
		}
		for _, s := range secrets {
			x = strings.ReplaceAll(x, s, mask)
		}
		return x
	case []string:
		out := make([]any, len(x))
		for i, el := range x {
			out[i] = scrub(el, secrets)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, el := range x {
			out[i] = scrub(el, secrets)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, el := range x {
			out[i] = scrub(el, secrets)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, el := range x {
			out[k] = scrub(el, secrets)
		}
		return out
	}
	return v
}
