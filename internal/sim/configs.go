package sim

import (
	"errors"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/catalog"
)

// --- parameter validation (shared catalogue, spec §7) ---

// paramMode tells checkParams where the list comes from.
type paramMode int

const (
	forConfig paramMode = iota // configs/create, configs/update: read-only ids refused
	forCalc                    // tools/calc: read-only ids accepted, FortiEDR endpoints required
)

var reQuotedName = regexp.MustCompile(`"([A-Za-z0-9_]+)"`)

// checkParams validates an API parameter list for product p against the
// shared catalogue and returns it normalised the way live configurations
// look (spec §4.4): every parameter of the product in catalogue order,
// multi-value parameters as one entry per code (or one NONE), numbers in
// plain decimal, omitted optional parameters filled with their defaults,
// read-only parameters reported as "0" (or, for tools/calc, as given).
// Optional parameters without a default (FortiSIEM onlineStorage) stay
// absent when omitted.
//
// Errors name the parameter by id (spec §3.3, invented texts): the first
// problem in request order for unknown, read-only and repeated ids, then the
// first in catalogue order of "Parameter id N is required." and
// "Invalid value for Parameter id N.".
func checkParams(p *catalog.Product, entries []catalog.APIParam, mode paramMode) ([]param, *APIError) {
	count := map[int]int{}
	for _, e := range entries {
		prod, prm, ok := catalog.ParamByID(e.ID)
		if !ok || prod.ID != p.ID {
			return nil, badRequest("Parameter id %d does not belong to product type %d.", e.ID, p.ID)
		}
		if prm.Kind == catalog.ReadOnly && mode != forCalc {
			return nil, badRequest("Parameter id %d is read-only.", e.ID)
		}
		count[e.ID]++
		if count[e.ID] > 1 && prm.Kind != catalog.Multi {
			return nil, badRequest("Parameter id %d is given more than once.", e.ID)
		}
	}

	values := p.Decode(entries)
	var errs []error
	if mode == forCalc {
		errs = p.ValidateForCalc(values)
	} else {
		errs = p.Validate(values)
	}
	if len(errs) > 0 {
		return nil, firstParamError(p, errs)
	}

	out := make([]param, 0, len(p.Params)+len(entries))
	for i := range p.Params {
		prm := &p.Params[i]
		var given []string
		for _, e := range entries {
			if e.ID == prm.ID {
				given = append(given, e.Value)
			}
		}
		add := func(v string) { out = append(out, param{ID: prm.ID, Name: paramName(prm.ID), Value: v}) }
		switch prm.Kind {
		case catalog.Multi:
			n := 0
			for _, v := range given {
				if v != catalog.NONE && v != "" {
					add(v)
					n++
				}
			}
			if n == 0 {
				add(catalog.NONE)
			}
		case catalog.Numeric, catalog.ReadOnly:
			switch {
			case len(given) > 0:
				add(normaliseInt(given[0]))
			case prm.Kind == catalog.ReadOnly:
				add("0")
			case prm.Default != "":
				add(prm.Default)
			}
		case catalog.Single:
			switch {
			case len(given) > 0:
				add(given[0])
			case prm.Default != "":
				add(prm.Default)
			}
		}
	}
	return out, nil
}

// normaliseInt writes an integer value in plain decimal ("4.0" → "4").
func normaliseInt(v string) string {
	v = strings.TrimSpace(v)
	if n, err := strconv.Atoi(v); err == nil {
		return strconv.Itoa(n)
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		return strconv.FormatInt(int64(f), 10)
	}
	return v
}

// firstParamError turns catalogue validation errors into the API's
// "Parameter id N" message for the first parameter in catalogue order.
func firstParamError(p *catalog.Product, errs []error) *APIError {
	best, bestMsg := len(p.Params)+1, ""
	for _, err := range errs {
		var ve *catalog.ValidationError
		if !errors.As(err, &ve) {
			continue
		}
		name, required := ve.Param, false
		if name == "" {
			if m := reQuotedName.FindStringSubmatch(ve.Msg); m != nil {
				name = m[1]
			}
			required = strings.HasPrefix(ve.Msg, "missing required parameter")
		}
		prm, ok := p.Param(name)
		if !ok {
			continue
		}
		idx := slices.IndexFunc(p.Params, func(x catalog.Param) bool { return x.ID == prm.ID })
		if idx >= best {
			continue
		}
		best = idx
		if required {
			bestMsg = "Parameter id " + strconv.Itoa(prm.ID) + " is required."
		} else {
			bestMsg = "Invalid value for Parameter id " + strconv.Itoa(prm.ID) + "."
		}
	}
	if bestMsg == "" {
		return badRequest("Invalid value for parameters.")
	}
	return badRequest("%s", bestMsg)
}

func toAPIParams(ps []param) []catalog.APIParam {
	out := make([]catalog.APIParam, len(ps))
	for i, x := range ps {
		out[i] = catalog.APIParam{ID: x.ID, Value: x.Value}
	}
	return out
}

// --- shared look-ups ---

func (s *Server) productOf(req *request) (*catalog.Product, *APIError) {
	id, err := req.requiredInt("productTypeId")
	if err != nil {
		return nil, err
	}
	p, ok := catalog.ProductByID(int(id))
	if !ok || id > math.MaxInt32 || id < 0 {
		return nil, errProductNotFound(id)
	}
	return p, nil
}

// configArg returns the configuration named by the request field.
func (s *Server) configArg(req *request, field string) (*config, *APIError) {
	id, err := req.requiredInt(field)
	if err != nil {
		return nil, err
	}
	c := s.st.config(id)
	if c == nil {
		return nil, errConfigNotFound()
	}
	return c, nil
}

// --- endpoints ---

// configsCreate — spec §5.4. New configurations are ACTIVE, get the next
// global id, and live in accountId (default: the program's account).
func (s *Server) configsCreate(_ caller, req *request) (string, any, *APIError) {
	serial, err := req.requiredStr("programSerialNumber")
	if err != nil {
		return "", nil, err
	}
	name, err := req.requiredStr("name")
	if err != nil {
		return "", nil, err
	}
	p, err := s.productOf(req)
	if err != nil {
		return "", nil, err
	}
	entries, given, err := req.params("parameters")
	if err != nil {
		return "", nil, err
	}
	if !given {
		return "", nil, badRequest("parameters is required.")
	}
	acct, acctGiven, err := req.int("accountId")
	if err != nil {
		return "", nil, err
	}
	prog := s.st.program(serial)
	if prog == nil {
		return "", nil, errProgramNotFound(serial)
	}
	if !acctGiven {
		acct = prog.AccountID
	} else if s.st.account(acct) == nil {
		return "", nil, errAccountNotFound(acct)
	}
	ps, err := checkParams(p, entries, forConfig)
	if err != nil {
		return "", nil, err
	}
	c := &config{
		ID: s.st.NextConfigID, Name: name, ProgramSerialNumber: serial, AccountID: acct, Status: statusActive,
		ProductType: productType{ID: p.ID, Name: productName(p.ID)}, Parameters: ps,
	}
	s.st.NextConfigID++
	s.st.addConfig(c)
	return "configs", c.view(), nil
}

// configsUpdate — spec §5.5. name null/absent/blank keeps the name;
// parameters null/absent keeps the parameters; a given list is the complete
// new set, omitted optional parameters taking their defaults (spec §12 #18).
// Scale-up-only parameters refuse decreases; the product type cannot change;
// a DISABLED configuration cannot be updated.
func (s *Server) configsUpdate(_ caller, req *request) (string, any, *APIError) {
	c, err := s.configArg(req, "id")
	if err != nil {
		return "", nil, err
	}
	name, _, err := req.str("name")
	if err != nil {
		return "", nil, err
	}
	entries, given, err := req.params("parameters")
	if err != nil {
		return "", nil, err
	}
	pt, ptGiven, err := req.int("productTypeId")
	if err != nil {
		return "", nil, err
	}
	if ptGiven && pt != int64(c.ProductType.ID) {
		return "", nil, badRequest("Product type cannot be changed.")
	}
	// A DISABLED configuration may change: the spec documents only that no
	// entitlement can be created from one (§5.6), so nothing more is refused.
	var ps []param
	if given {
		p, ok := catalog.ProductByID(c.ProductType.ID)
		if !ok {
			return "", nil, errProductNotFound(int64(c.ProductType.ID))
		}
		if ps, err = checkParams(p, entries, forConfig); err != nil {
			return "", nil, err
		}
		if errs := p.ValidateChange(toAPIParams(c.Parameters), toAPIParams(ps)); len(errs) > 0 {
			var ve *catalog.ValidationError
			if errors.As(errs[0], &ve) {
				if prm, ok := p.Param(ve.Param); ok {
					return "", nil, badRequest("Parameter id %d cannot be decreased.", prm.ID)
				}
			}
			return "", nil, badRequest("Invalid value for parameters.")
		}
	}
	if n := strings.TrimSpace(name); n != "" {
		c.Name = n
	}
	if given {
		c.Parameters = ps
	}
	return "configs", c.view(), nil
}

// configsEnable / configsDisable — spec §5.6, §5.7. Enabling an ACTIVE or
// disabling a DISABLED configuration succeeds and changes nothing.
// Entitlements of a DISABLED configuration keep their status; new ones
// cannot be created on it and the configuration cannot be updated.
func (s *Server) configsEnable(_ caller, req *request) (string, any, *APIError) {
	return s.setConfigStatus(req, statusActive)
}

func (s *Server) configsDisable(_ caller, req *request) (string, any, *APIError) {
	return s.setConfigStatus(req, statusDisabled)
}

func (s *Server) setConfigStatus(req *request, status string) (string, any, *APIError) {
	c, err := s.configArg(req, "id")
	if err != nil {
		return "", nil, err
	}
	c.Status = status
	return "configs", c.view(), nil
}
