package ansiblemod

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testFragment = &Fragment{Name: "conn", Options: []Option{
	{Name: "username", Type: TypeStr, EnvFallback: []string{"TEST_USER"}},
	{Name: "password", Type: TypeStr, NoLog: true, EnvFallback: []string{"TEST_PASSWORD"}},
}}

// echo returns its validated params, so tests see what the module got.
func echoModule() *Module {
	return &Module{
		Name:      "test_echo",
		Fragments: []*Fragment{testFragment},
		CheckMode: Attribute{Support: Full},
		Spec: Spec{
			Options: []Option{
				{Name: "name", Type: TypeStr, Required: true, Aliases: []string{"label"}},
				{Name: "count", Type: TypeInt, Default: 1},
				{Name: "ratio", Type: TypeFloat},
				{Name: "enabled", Type: TypeBool, Default: false},
				{Name: "state", Type: TypeStr, Choices: []string{"present", "absent"}, Default: "present"},
				{Name: "tags", Type: TypeList, Elements: TypeStr},
				{Name: "ports", Type: TypeList, Elements: TypeInt},
				{Name: "colors", Type: TypeList, Elements: TypeStr, Choices: []string{"red", "blue"}},
				{Name: "extra", Type: TypeDict},
				{Name: "a", Type: TypeStr},
				{Name: "b", Type: TypeStr},
				{Name: "token", Type: TypeStr, NoLog: true},
				{Name: "product", Type: TypeDict, Options: []Option{
					{Name: "cpu", Type: TypeInt, Required: true},
					{Name: "service", Type: TypeStr, Choices: []string{"FC", "UTP"}},
				}},
			},
			MutuallyExclusive: [][]string{{"a", "b"}},
			RequiredIf:        []RequiredIf{{Key: "state", Value: "absent", Requirements: []string{"a", "b"}, AnyOf: true}},
		},
		Run: func(ctx context.Context, req *Request, res *Result) error {
			res.Set("params", req.Params.Map())
			res.Set("check_mode", req.CheckMode)
			res.Set("given_count", req.Params.Given("count"))
			if req.Params.String("name") == "change" {
				res.Changed = true
				res.SetDiff(map[string]any{"x": 1}, map[string]any{"x": 2})
			}
			if req.Params.String("name") == "fail" {
				res.Changed = true
				return &Failure{Msg: "it broke with password " + req.Params.String("password"), Data: map[string]any{"detail": "d"}}
			}
			if req.Params.String("name") == "panic" {
				var m map[string]int
				m["x"] = 1
			}
			if req.Params.String("name") == "print" {
				os.Stdout.WriteString("stray output\n")
			}
			return nil
		},
	}
}

type runOutcome struct {
	code int
	out  map[string]any
	raw  string
}

func runWith(t *testing.T, args map[string]any, env map[string]string) runOutcome {
	t.Helper()
	path := filepath.Join(t.TempDir(), "args")
	b, err := json.Marshal(args)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o600))
	var stdout bytes.Buffer
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	code := Run(context.Background(), []*Module{echoModule()}, []string{"/tmp/AnsiballZ_fortiflexvm_linux_amd64", path}, &stdout, lookup)
	var out map[string]any
	dec := json.NewDecoder(bytes.NewReader(stdout.Bytes()))
	require.NoError(t, dec.Decode(&out), "stdout must be one JSON object: %s", stdout.String())
	assert.False(t, dec.More(), "stdout must hold exactly one JSON object")
	return runOutcome{code: code, out: out, raw: stdout.String()}
}

func base(extra map[string]any) map[string]any {
	args := map[string]any{"_ansible_module_name": "flexgo.fortiflexvm.test_echo", "_ansible_check_mode": false, "_ansible_diff": false, "_ansible_verbosity": 0}
	for k, v := range extra {
		args[k] = v
	}
	return args
}

func TestValidationMessages(t *testing.T) {
	cases := []struct {
		name string
		args map[string]any
		msg  string
	}{
		{"unknown option", map[string]any{"name": "x", "nmae": "y"},
			"Unsupported parameters for (test_echo) module: nmae. Supported parameters include: a, b, colors, count, enabled, extra, name, password, ports, product, ratio, state, tags, token, username (label)."},
		{"two unknown options, sorted", map[string]any{"name": "x", "zz": 1, "aa": 2},
			"Unsupported parameters for (test_echo) module: aa, zz. Supported parameters include: a, b, colors, count, enabled, extra, name, password, ports, product, ratio, state, tags, token, username (label)."},
		{"unknown suboption", map[string]any{"name": "x", "product": map[string]any{"cpu": 2, "cpus": 4}},
			"Unsupported parameters for (test_echo) module: product.cpus. Supported parameters include: cpu, service."},
		{"missing required", map[string]any{"count": 2}, "missing required arguments: name"},
		{"missing required suboption", map[string]any{"name": "x", "product": map[string]any{"service": "FC"}}, "missing required arguments: cpu found in product"},
		{"int from junk", map[string]any{"name": "x", "count": "five"},
			`argument 'count' is of type <class 'str'> and we were unable to convert to int: "five" cannot be converted to an int`},
		{"int from float", map[string]any{"name": "x", "count": 2.5},
			"argument 'count' is of type <class 'float'> and we were unable to convert to int: 2.5 is not a whole number"},
		{"bad bool", map[string]any{"name": "x", "enabled": "maybe"},
			"argument 'enabled' is of type <class 'str'> and we were unable to convert to bool: The value 'maybe' is not a valid boolean.  Valid booleans include: 'y', 'yes', 'on', '1', 'true', 't', 'n', 'no', 'off', '0', 'false', 'f'"},
		{"choice", map[string]any{"name": "x", "state": "gone"}, "value of state must be one of: present, absent, got: gone"},
		{"list choice", map[string]any{"name": "x", "colors": []any{"red", "green"}}, "value of colors must be one or more of: red, blue. Got no match for: green"},
		{"suboption choice", map[string]any{"name": "x", "product": map[string]any{"cpu": 2, "service": "XX"}}, "value of service must be one of: FC, UTP, got: XX found in product"},
		{"list elements", map[string]any{"name": "x", "ports": []any{"80", "http"}},
			`Elements value for option 'ports' is of type <class 'str'> and we were unable to convert to int: "http" cannot be converted to an int`},
		{"mutually exclusive", map[string]any{"name": "x", "a": "1", "b": "2"}, "parameters are mutually exclusive: a|b"},
		{"required if", map[string]any{"name": "x", "state": "absent"}, "state is absent but any of the following are missing: a, b"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := runWith(t, base(tc.args), nil)
			assert.Equal(t, 1, o.code)
			assert.Equal(t, true, o.out["failed"])
			assert.Equal(t, false, o.out["changed"])
			assert.Equal(t, tc.msg, o.out["msg"])
		})
	}
}

func TestCoercionAndDefaults(t *testing.T) {
	o := runWith(t, base(map[string]any{
		"label": "x", "count": "5", "ratio": "0.5", "enabled": "yes", "tags": "a,b", "ports": []any{"80", 443},
		"extra": "k=v, k2=v2", "product": map[string]any{"cpu": "4"},
	}), nil)
	require.Equal(t, 0, o.code, o.raw)
	p := o.out["params"].(map[string]any)
	assert.Equal(t, "x", p["name"], "alias fills the canonical name")
	assert.NotContains(t, p, "label")
	assert.Equal(t, float64(5), p["count"])
	assert.Equal(t, 0.5, p["ratio"])
	assert.Equal(t, true, p["enabled"])
	assert.Equal(t, "present", p["state"], "default applied")
	assert.Equal(t, []any{"a", "b"}, p["tags"], "comma string becomes a list")
	assert.Equal(t, []any{float64(80), float64(443)}, p["ports"])
	assert.Equal(t, map[string]any{"k": "v", "k2": "v2"}, p["extra"])
	assert.Equal(t, map[string]any{"cpu": float64(4), "service": nil}, p["product"])
	assert.Nil(t, p["a"], "unset option without default is null")
	assert.Equal(t, true, o.out["given_count"])

	o = runWith(t, base(map[string]any{"name": "x"}), nil)
	assert.Equal(t, false, o.out["given_count"], "a default is not given")
	assert.Equal(t, float64(1), o.out["params"].(map[string]any)["count"])
}

func TestStringConversionWarns(t *testing.T) {
	o := runWith(t, base(map[string]any{"name": 42}), nil)
	require.Equal(t, 0, o.code)
	assert.Equal(t, "42", o.out["params"].(map[string]any)["name"])
	assert.Equal(t, []any{"The value 42 (type int) in a string field was converted to '42' (type string). If this does not look like what you expect, quote the entire value to ensure it does not change."}, o.out["warnings"])
}

func TestEnvFallback(t *testing.T) {
	o := runWith(t, base(map[string]any{"name": "x"}), map[string]string{"TEST_USER": "envuser", "TEST_PASSWORD": "s3cret-env"})
	require.Equal(t, 0, o.code)
	p := o.out["params"].(map[string]any)
	assert.Equal(t, "envuser", p["username"])
	assert.Equal(t, "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER", p["password"], "an env-provided secret is masked too")
	assert.NotContains(t, o.raw, "s3cret-env")

	o = runWith(t, base(map[string]any{"name": "x", "username": "given"}), map[string]string{"TEST_USER": "envuser"})
	assert.Equal(t, "given", o.out["params"].(map[string]any)["username"], "an option beats its env var")
}

func TestNoLogMasking(t *testing.T) {
	o := runWith(t, base(map[string]any{"name": "fail", "password": "hunter2pass", "token": "tok-123"}), nil)
	assert.Equal(t, 1, o.code)
	assert.Equal(t, true, o.out["failed"])
	assert.Equal(t, true, o.out["changed"], "a failure keeps changed")
	assert.Equal(t, "it broke with password ********", o.out["msg"])
	assert.Equal(t, "d", o.out["detail"])
	args := o.out["invocation"].(map[string]any)["module_args"].(map[string]any)
	assert.Equal(t, "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER", args["password"])
	assert.Equal(t, "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER", args["token"])
	assert.NotContains(t, o.raw, "hunter2pass")
	assert.NotContains(t, o.raw, "tok-123")

	// Masked even when validation fails.
	o = runWith(t, base(map[string]any{"password": "hunter2pass"}), nil)
	assert.Equal(t, "missing required arguments: name", o.out["msg"])
	assert.NotContains(t, o.raw, "hunter2pass")
}

func TestRuntimeSecretMasked(t *testing.T) {
	m := echoModule()
	m.Run = func(ctx context.Context, req *Request, res *Result) error {
		res.NoLog("access-token-xyz")
		res.Set("data", struct{ Note string }{"token access-token-xyz leaked"})
		return errors.New("failed with access-token-xyz")
	}
	path := filepath.Join(t.TempDir(), "args")
	b, _ := json.Marshal(base(map[string]any{"name": "x"}))
	require.NoError(t, os.WriteFile(path, b, 0o600))
	var stdout bytes.Buffer
	Run(context.Background(), []*Module{m}, []string{"x", path}, &stdout, func(string) (string, bool) { return "", false })
	assert.NotContains(t, stdout.String(), "access-token-xyz", "secrets inside structs and errors are masked")
	assert.Contains(t, stdout.String(), "token ******** leaked")
}

func TestCheckAndDiffMode(t *testing.T) {
	args := base(map[string]any{"name": "change", "_ansible_check_mode": true, "_ansible_diff": true})
	o := runWith(t, args, nil)
	assert.Equal(t, true, o.out["check_mode"])
	assert.Equal(t, true, o.out["changed"])
	assert.Equal(t, map[string]any{"before": map[string]any{"x": float64(1)}, "after": map[string]any{"x": float64(2)}}, o.out["diff"])

	args["_ansible_diff"] = false
	o = runWith(t, args, nil)
	assert.NotContains(t, o.out, "diff", "no diff unless --diff")
}

func TestPanicBecomesFailure(t *testing.T) {
	o := runWith(t, base(map[string]any{"name": "panic"}), nil)
	assert.Equal(t, 1, o.code)
	assert.Equal(t, true, o.out["failed"])
	assert.Contains(t, o.out["msg"], "internal error in flexgo.fortiflexvm (please report it): assignment to entry in nil map")
	assert.NotContains(t, o.raw, "goroutine")
}

func TestProtocolErrors(t *testing.T) {
	var stdout bytes.Buffer
	code := Run(context.Background(), []*Module{echoModule()}, []string{"fortiflexvm"}, &stdout, os.LookupEnv)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout.String(), "no arguments file given")

	stdout.Reset()
	code = Run(context.Background(), []*Module{echoModule()}, []string{"fortiflexvm", "/nonexistent/args"}, &stdout, os.LookupEnv)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout.String(), "cannot read the arguments file")

	path := filepath.Join(t.TempDir(), "args")
	require.NoError(t, os.WriteFile(path, []byte("name=x"), 0o600))
	stdout.Reset()
	Run(context.Background(), []*Module{echoModule()}, []string{"fortiflexvm", path}, &stdout, os.LookupEnv)
	assert.Contains(t, stdout.String(), "the arguments file is not a JSON object")

	o := runWith(t, map[string]any{"_ansible_module_name": "flexgo.fortiflexvm.nope", "name": "x"}, nil)
	assert.Equal(t, `unknown module "nope": this binary implements test_echo`, o.out["msg"])
}

func TestModuleNameFromFileName(t *testing.T) {
	assert.Equal(t, "fortiflexvm_programs_list_info", moduleName(map[string]any{}, "/tmp/x/AnsiballZ_fortiflexvm_programs_list_info"))
	assert.Equal(t, "m", moduleName(map[string]any{"_ansible_module_name": "a.b.m"}, "whatever"))
	assert.Equal(t, "m", moduleName(map[string]any{"_ansible_module_name": "m"}, "whatever"))
}

func TestScrubReplacesWholeAndPartial(t *testing.T) {
	got := scrub(map[string]any{"a": "pw", "b": "x pw y", "c": []any{"pw"}, "pw": 1}, []string{"pw"})
	assert.Equal(t, map[string]any{"a": noLogPlaceholder, "b": "x ******** y", "c": []any{noLogPlaceholder}, "pw": 1}, got)
	assert.True(t, strings.HasPrefix(mask, "****"))
}
