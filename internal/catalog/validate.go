package catalog

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// ValidationError is one problem with a product's values. Its text names the
// product key and, when it concerns one parameter, the parameter name:
// "fortiGateBundle.cpu: 200 is out of range 1..96".
type ValidationError struct {
	Product string // product key, e.g. "fortiGateBundle"
	Param   string // parameter name, "" for product-level problems
	Msg     string
}

func (e *ValidationError) Error() string {
	if e.Param == "" {
		return e.Product + ": " + e.Msg
	}
	return e.Product + "." + e.Param + ": " + e.Msg
}

func (p *Product) errf(prm *Param, format string, args ...any) *ValidationError {
	return &ValidationError{Product: p.Key, Param: prm.Name, Msg: fmt.Sprintf(format, args...)}
}

// Validate checks Ansible-shaped values (keys are Param.Name) against the
// catalogue: unknown names, missing required parameters, types (int
// parameters accept int-like strings), choices, ranges, steps, discrete sets,
// zero-or-at-least rules, duplicates in lists, read-only parameters, and the
// cross-parameter rules of spec §7.4 that are stated precisely enough to
// check (FortiAppSec: wafServicePkg is required with UCWAF). "NONE" is valid
// for optional single-value parameters and as the only element of a list.
// A nil value counts as absent. Raw numeric keys are not accepted here (they
// are for bypass_validation, which skips validation). All problems are
// returned, sorted by their text.
func (p *Product) Validate(values map[string]any) []error {
	return p.validate(values, false)
}

// ValidateForCalc is Validate for tools/calc: read-only parameters may be
// given (as non-negative integers), and fortiEDR.endpoints is required, as
// in the incumbent's tools_calc_info.
func (p *Product) ValidateForCalc(values map[string]any) []error {
	return p.validate(values, true)
}

// calcRequired are read-only parameter ids that a points estimate requires.
var calcRequired = map[int]bool{47: true}

func (p *Product) validate(values map[string]any, calc bool) []error {
	var errs []*ValidationError
	add := func(e *ValidationError) { errs = append(errs, e) }

	var unknown []string
	for k := range values {
		if _, ok := p.Param(k); !ok {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		msg := fmt.Sprintf("unknown parameter %q (accepted: %s)", k, strings.Join(p.ParamNames(), ", "))
		if _, raw := rawID(k); raw {
			msg = fmt.Sprintf("unknown parameter %q: raw parameter ids are accepted only with bypass_validation (accepted names: %s)", k, strings.Join(p.ParamNames(), ", "))
		}
		add(&ValidationError{Product: p.Key, Msg: msg})
	}

	for i := range p.Params {
		prm := &p.Params[i]
		v, given := values[prm.Name]
		if v == nil {
			given = false
		}
		required := prm.Required || (calc && calcRequired[prm.ID])
		if !given {
			if required {
				add(&ValidationError{Product: p.Key, Msg: fmt.Sprintf("missing required parameter %q", prm.Name)})
			}
			continue
		}
		if e := p.checkValue(prm, v, calc); e != nil {
			add(e)
		}
	}

	for _, rule := range crossRules[p.ID] {
		if e := rule(p, values); e != nil {
			add(e)
		}
	}

	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return out
}

// checkValue validates one given (non-nil) value.
func (p *Product) checkValue(prm *Param, v any, calc bool) *ValidationError {
	switch prm.Kind {
	case ReadOnly:
		if !calc {
			return p.errf(prm, "is read-only (computed by FortiFlex) and cannot be set")
		}
		n, ok := asInt(v)
		if !ok {
			return p.errf(prm, "%s is not an integer", showValue(v))
		}
		if n < 0 {
			return p.errf(prm, "%d must not be negative", n)
		}
	case Numeric:
		n, ok := asInt(v)
		if !ok {
			return p.errf(prm, "%s is not an integer", showValue(v))
		}
		return p.checkNumber(prm, n)
	case Single:
		s, ok := asString(v)
		if !ok {
			return p.errf(prm, "expected a string, got %s", typeName(v))
		}
		if s == NONE && !prm.Required {
			return nil
		}
		if !slices.Contains(prm.Choices, s) {
			return p.errf(prm, "%q is not one of %s", s, strings.Join(allowedSingle(prm), ", "))
		}
	case Multi:
		list, ok := asList(v)
		if !ok {
			return p.errf(prm, "expected a list of strings, got %s", typeName(v))
		}
		seen := map[string]bool{}
		for _, s := range list {
			switch {
			case s == NONE:
				if len(list) > 1 {
					return p.errf(prm, "NONE cannot be combined with other values")
				}
			case !slices.Contains(prm.Choices, s):
				return p.errf(prm, "%q is not one of %s", s, strings.Join(prm.Choices, ", "))
			case seen[s]:
				return p.errf(prm, "%q is listed more than once", s)
			}
			seen[s] = true
		}
	}
	return nil
}

// allowedSingle is the choice list shown in messages; optional parameters
// also accept NONE.
func allowedSingle(prm *Param) []string {
	if prm.Required {
		return prm.Choices
	}
	return append(slices.Clone(prm.Choices), NONE)
}

// checkNumber applies the numeric rules: discrete set, range,
// zero-or-at-least, multiple-of.
func (p *Product) checkNumber(prm *Param, n int) *ValidationError {
	if len(prm.Discrete) > 0 {
		if !slices.Contains(prm.Discrete, n) {
			return p.errf(prm, "%d is not one of %s", n, joinInts(prm.Discrete))
		}
		return nil
	}
	if (prm.Min != nil && n < *prm.Min) || (prm.Max != nil && n > *prm.Max) {
		return p.errf(prm, "%d is out of range %s", n, rangeText(prm))
	}
	if prm.ZeroOrAtLeast > 0 && n != 0 && n < prm.ZeroOrAtLeast {
		return p.errf(prm, "%d is not allowed: use 0 or at least %d", n, prm.ZeroOrAtLeast)
	}
	if prm.Step > 1 && n%prm.Step != 0 {
		return p.errf(prm, "%d is not a multiple of %d", n, prm.Step)
	}
	return nil
}

func rangeText(prm *Param) string {
	lo, hi := "", ""
	if prm.Min != nil {
		lo = strconv.Itoa(*prm.Min)
	}
	if prm.Max != nil {
		hi = strconv.Itoa(*prm.Max)
	}
	return lo + ".." + hi
}

// crossRules are the cross-parameter checks that the spec states precisely
// (§7.2/§7.4). Rules the spec leaves vague (the FGHWFCELU add-on "not valid
// with some service packages") or whose enforcement is unverified (the VDOM
// cap by vCPU, see Warnings) are not errors.
var crossRules = map[int][]func(p *Product, values map[string]any) *ValidationError{
	211: {appSecWAFPackage},
}

// appSecWAFPackage: wafServicePkg is required when serviceTypes contains UCWAF.
func appSecWAFPackage(p *Product, values map[string]any) *ValidationError {
	types, ok := asList(values["serviceTypes"])
	if !ok || !slices.Contains(types, "UCWAF") {
		return nil
	}
	if v := values["wafServicePkg"]; v != nil {
		if s, ok := asString(v); !ok || s != NONE {
			return nil // set; checkValue judges the value itself
		}
	}
	return &ValidationError{Product: p.Key, Msg: `missing required parameter "wafServicePkg" (required when serviceTypes contains UCWAF)`}
}

// ValidateChange compares two API-form parameter sets (typically the current
// configuration and the one about to be sent) and returns an error for every
// scale-up-only parameter whose new value is lower than the old one. For a
// single-value parameter "lower" means earlier in Choices (NONE is lowest).
// Parameters missing from either side, or not parseable, are not compared.
func (p *Product) ValidateChange(old, new []APIParam) []error {
	first := func(entries []APIParam, id int) (string, bool) {
		for _, e := range entries {
			if e.ID == id {
				return e.Value, true
			}
		}
		return "", false
	}
	var errs []error
	for i := range p.Params {
		prm := &p.Params[i]
		if !prm.ScaleUpOnly {
			continue
		}
		o, ok1 := first(old, prm.ID)
		n, ok2 := first(new, prm.ID)
		if !ok1 || !ok2 {
			continue
		}
		switch prm.Kind {
		case Numeric:
			ov, err1 := strconv.Atoi(strings.TrimSpace(o))
			nv, err2 := strconv.Atoi(strings.TrimSpace(n))
			if err1 == nil && err2 == nil && nv < ov {
				errs = append(errs, p.errf(prm, "cannot be decreased from %d to %d (scale up only)", ov, nv))
			}
		case Single:
			oi, ni := slices.Index(prm.Choices, o), slices.Index(prm.Choices, n)
			if oi >= 0 && ni < oi && (ni >= 0 || n == NONE || n == "") {
				errs = append(errs, p.errf(prm, "cannot be downgraded from %s to %s (upgrade only)", o, n))
			}
		}
	}
	return errs
}

// Warnings returns advice about rules that the spec documents but whose
// enforcement by FortiFlex is not verified, so they are not errors: the VDOM
// ceiling by vCPU count for FortiGate VMs (1 → 10, 2-3 → 25, 4-7 → 50,
// 8+ → 500).
func (p *Product) Warnings(values map[string]any) []string {
	var out []string
	if p.ID == 1 || p.ID == 4 {
		cpu, ok1 := asInt(values["cpu"])
		vdom, ok2 := asInt(values["vdom"])
		if ok1 && ok2 && cpu >= 1 {
			limit := vdomLimit(cpu)
			if vdom > limit {
				out = append(out, fmt.Sprintf("%s.vdom: %d VDOMs exceed the %d that the FortiFlex admin guide lists for %d vCPUs; FortiFlex may reject it", p.Key, vdom, limit, cpu))
			}
		}
	}
	return out
}

func vdomLimit(cpu int) int {
	switch {
	case cpu <= 1:
		return 10
	case cpu <= 3:
		return 25
	case cpu <= 7:
		return 50
	}
	return 500
}
