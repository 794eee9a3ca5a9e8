package ansiblemod

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
)

// Main is the whole life of a module process: it guards stdout, runs the
// module named by the args file and exits with 0, or 1 on failure.
func Main(modules []*Module) {
	out := os.Stdout
	// Anything that prints to os.Stdout by mistake goes to stderr instead:
	// stdout carries exactly one JSON object.
	os.Stdout = os.Stderr
	os.Exit(Run(context.Background(), modules, os.Args, out, os.LookupEnv))
}

// Run executes one module invocation as Ansible makes it: argv[1] is the path
// of the JSON args file. It writes one JSON object to stdout and returns the
// process exit code. Run never panics.
func Run(ctx context.Context, modules []*Module, argv []string, stdout io.Writer, lookupEnv func(string) (string, bool)) (code int) {
	var noLog []string
	res := &Result{}
	var invocation map[string]any
	emit := func(err error) int {
		obj := render(res, err, invocation, true, noLog)
		writeJSON(stdout, obj)
		if err != nil {
			return 1
		}
		return 0
	}
	defer func() {
		if p := recover(); p != nil {
			debugPanic(p)
			code = emit(fmt.Errorf("internal error in flexgo.fortiflexvm (please report it): %v", p))
		}
	}()

	if len(argv) < 2 {
		return emit(fmt.Errorf("no arguments file given: this program is an Ansible module of flexgo.fortiflexvm; Ansible runs it with the path of a JSON arguments file"))
	}
	data, err := os.ReadFile(argv[1])
	if err != nil {
		return emit(fmt.Errorf("cannot read the arguments file: %v", err))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return emit(fmt.Errorf("the arguments file is not a JSON object: %v", err))
	}

	control := map[string]any{}
	user := map[string]any{}
	for k, v := range raw {
		if strings.HasPrefix(k, "_ansible_") {
			control[k] = v
		} else {
			user[k] = v
		}
	}

	name := moduleName(control, argv[0])
	var m *Module
	for _, cand := range modules {
		if cand.Name == name {
			m = cand
		}
	}
	if m == nil {
		names := make([]string, 0, len(modules))
		for _, cand := range modules {
			names = append(names, cand.Name)
		}
		sort.Strings(names)
		return emit(fmt.Errorf("unknown module %q: this binary implements %s", name, strings.Join(names, ", ")))
	}

	spec := m.fullSpec()
	v := validate(spec, user, nil, lookupEnv)
	noLog = v.noLog
	res.warnings = append(res.warnings, v.warnings...)
	if len(v.errs) > 0 {
		invocation = maskInvocation(spec, normalize(user).(map[string]any))
		msg := v.errs[0].Error()
		if len(v.unknown) > 0 {
			msg = fmt.Sprintf("Unsupported parameters for (%s) module: %s", m.Name, msg)
		}
		return emit(&ValidationError{Msg: msg})
	}
	invocation = maskInvocation(spec, v.params)

	req := &Request{
		Module:     m,
		Params:     Params{values: v.params, given: v.given},
		CheckMode:  truthy(control["_ansible_check_mode"]),
		Diff:       truthy(control["_ansible_diff"]),
		ModuleName: name,
	}
	if n, err := convert(TypeInt, control["_ansible_verbosity"]); err == nil {
		req.Verbosity = n.(int)
	}
	if req.CheckMode && m.CheckMode.Support == None {
		res.Set("skipped", true)
		res.Set("msg", fmt.Sprintf("remote module (%s) does not support check mode", m.Name))
		return emit(nil)
	}
	runErr := m.Run(ctx, req, res)
	obj := render(res, runErr, invocation, req.Diff, noLog)
	writeJSON(stdout, obj)
	if runErr != nil {
		return 1
	}
	return 0
}

// moduleName is the short name of the module to run: Ansible passes it in
// _ansible_module_name (possibly as an FQCN); the file name is the fallback.
func moduleName(control map[string]any, argv0 string) string {
	if s, ok := control["_ansible_module_name"].(string); ok && s != "" {
		return s[strings.LastIndex(s, ".")+1:]
	}
	base := filepath.Base(argv0)
	base = strings.TrimPrefix(base, "AnsiballZ_")
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func truthy(v any) bool {
	b, err := convert(TypeBool, v)
	return err == nil && b.(bool)
}

func writeJSON(w io.Writer, obj map[string]any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(obj); err != nil {
		buf.Reset()
		fmt.Fprintf(&buf, `{"failed": true, "msg": %q}`+"\n", "module result could not be encoded: "+err.Error())
	}
	_, _ = w.Write(buf.Bytes())
}

// debugPanic writes the stack of a recovered panic to stderr only when
// FLEXGO_DEBUG is set: Ansible shows stderr to users on failure.
func debugPanic(p any) {
	if os.Getenv("FLEXGO_DEBUG") != "" {
		fmt.Fprintf(os.Stderr, "panic: %v\n%s", p, debug.Stack())
	}
}
