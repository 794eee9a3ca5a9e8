package sim

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/catalog"
)

// programsList — spec §5.1. Every program of the organisation.
func (s *Server) programsList(_ caller, _ *request) (string, any, *APIError) {
	out := make([]programView, 0, len(s.st.Programs))
	for _, p := range s.st.Programs {
		out = append(out, p.view())
	}
	return "programs", out, nil
}

// programsPoints — spec §5.2. Point balance of prepaid programs; with
// programSerialNumber, of that one program (400 when unknown or postpaid).
func (s *Server) programsPoints(_ caller, req *request) (string, any, *APIError) {
	serial, given, err := req.str("programSerialNumber")
	if err != nil {
		return "", nil, err
	}
	out := []programBalanceView{}
	if given && serial != "" {
		p := s.st.program(serial)
		if p == nil {
			return "", nil, errProgramNotFound(serial)
		}
		if !p.Prepaid {
			return "", nil, badRequest("Program %s is not a prepaid program; point balance is available for prepaid programs only.", serial)
		}
		return "programs", append(out, p.balanceView()), nil
	}
	for _, p := range s.st.Programs {
		if p.Prepaid {
			out = append(out, p.balanceView())
		}
	}
	return "programs", out, nil
}

func (p *program) balanceView() programBalanceView {
	return programBalanceView{
		AccountID:    p.AccountID,
		SerialNumber: p.SerialNumber,
		PointBalance: math.Round(p.PointBalance*100) / 100,
	}
}

// configsList — spec §5.3. Configurations of one program (including DISABLED
// ones), optionally of one account; without accountId, of every account of
// the organisation.
func (s *Server) configsList(_ caller, req *request) (string, any, *APIError) {
	serial, err := req.requiredStr("programSerialNumber")
	if err != nil {
		return "", nil, err
	}
	acct, acctGiven, err := req.int("accountId")
	if err != nil {
		return "", nil, err
	}
	if s.st.program(serial) == nil {
		return "", nil, errProgramNotFound(serial)
	}
	if acctGiven && s.st.account(acct) == nil {
		return "", nil, errAccountNotFound(acct)
	}
	out := []config{}
	for _, c := range s.st.Configs {
		if c.ProgramSerialNumber != serial || (acctGiven && c.AccountID != acct) {
			continue
		}
		out = append(out, c.view())
	}
	return "configs", out, nil
}

type groupView struct {
	FolderPath      string `json:"folderPath"`
	AccountID       *int64 `json:"accountId,omitempty"`
	AvailableTokens int    `json:"availableTokens"`
	UsedTokens      int    `json:"usedTokens"`
}

// groupsListV1 — spec §5.23: the legacy v1 groups/list, called without
// accountId. Folders holding VM entitlements (those with a token), merged
// across accounts, without accountId (clients see it absent on v1).
func (s *Server) groupsListV1(_ caller, _ *request) (string, any, *APIError) {
	return "groups", s.groups(nil), nil
}

// groupsList — spec §5.19: the v2 call requires accountId (spec §12 #19).
func (s *Server) groupsList(_ caller, req *request) (string, any, *APIError) {
	acct, err := req.requiredInt("accountId")
	if err != nil {
		return "", nil, err
	}
	if s.st.account(acct) == nil {
		return "", nil, errAccountNotFound(acct)
	}
	return "groups", s.groups(&acct), nil
}

// groups counts the VM tokens (not EXPIRED) per folder, of one account or
// of all.
func (s *Server) groups(acct *int64) []groupView {
	byPath := map[string]*groupView{}
	for _, e := range s.st.Entitlements {
		if e.Token == "" || e.Status == statusExpired || (acct != nil && e.AccountID != *acct) {
			continue
		}
		g := byPath[e.FolderPath]
		if g == nil {
			g = &groupView{FolderPath: e.FolderPath}
			if acct != nil {
				a := *acct
				g.AccountID = &a
			}
			byPath[e.FolderPath] = g
		}
		if e.TokenStatus == tokenUsed {
			g.UsedTokens++
		} else {
			g.AvailableTokens++
		}
	}
	out := make([]groupView, 0, len(byPath))
	for _, g := range byPath {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].FolderPath < out[j].FolderPath })
	return out
}

// defaultNextTokenStatuses are the entitlement statuses groups/nexttoken
// accepts when the request has no status list: PENDING and ACTIVE (STOPPED
// entitlements are a pool to reactivate, EXPIRED ones are useless).
var defaultNextTokenStatuses = []string{statusPending, statusActive}

// groupsNextToken — spec §5.20: the first entitlement (in creation order)
// with a NOTUSED token matching accountId / configId / folderPath (at least
// one required) and status (a list or one string; default PENDING and
// ACTIVE). It does not reserve the token.
func (s *Server) groupsNextToken(_ caller, req *request) (string, any, *APIError) {
	acct, acctGiven, err := req.int("accountId")
	if err != nil {
		return "", nil, err
	}
	cfgID, cfgGiven, err := req.int("configId")
	if err != nil {
		return "", nil, err
	}
	folder, _, err := req.str("folderPath")
	if err != nil {
		return "", nil, err
	}
	folder = strings.TrimRight(strings.TrimSpace(folder), "/")
	if !acctGiven && !cfgGiven && folder == "" {
		return "", nil, badRequest("Either accountId, configId or folderPath is required.")
	}
	statuses := defaultNextTokenStatuses
	if req.has("status") {
		list, _, lerr := req.strs("status")
		if lerr != nil {
			one, _, serr := req.str("status")
			if serr != nil {
				return "", nil, badRequest("Invalid value for status.")
			}
			list = []string{one}
		}
		statuses = nil
		for _, v := range list {
			v = strings.ToUpper(strings.TrimSpace(v))
			if !slices.Contains(entitlementStatuses, v) {
				return "", nil, badRequest("Invalid value for status.")
			}
			statuses = append(statuses, v)
		}
		if len(statuses) == 0 {
			statuses = defaultNextTokenStatuses
		}
	}
	if acctGiven && s.st.account(acct) == nil {
		return "", nil, errAccountNotFound(acct)
	}
	candidates := s.st.Entitlements
	if cfgGiven {
		if s.st.config(cfgID) == nil {
			return "", nil, errConfigNotFound()
		}
		candidates = s.st.byConfig[cfgID]
	}
	for _, e := range candidates {
		if e.Token == "" || e.TokenStatus != tokenNotUsed || !slices.Contains(statuses, e.Status) ||
			(acctGiven && e.AccountID != acct) || (folder != "" && e.FolderPath != folder) {
			continue
		}
		return "entitlements", []entitlementView{e.view()}, nil
	}
	return "", nil, badRequest("No available tokens.")
}

type calcView struct {
	Current             float64  `json:"current"`
	Latest              *float64 `json:"latest"`
	LatestEffectiveDate *string  `json:"latestEffectiveDate"`
}

// toolsCalc — spec §5.21: current = the (invented, see rates.go) daily rate
// of the parameters × count; no scheduled price change (latest null).
func (s *Server) toolsCalc(_ caller, req *request) (string, any, *APIError) {
	serial, err := req.requiredStr("programSerialNumber")
	if err != nil {
		return "", nil, err
	}
	p, err := s.productOf(req)
	if err != nil {
		return "", nil, err
	}
	count, given, err := req.int("count")
	if err != nil {
		return "", nil, err
	}
	if !given {
		count = 1
	}
	entries, given, err := req.params("parameters")
	if err != nil {
		return "", nil, err
	}
	if !given {
		return "", nil, badRequest("parameters is required.")
	}
	if s.st.program(serial) == nil {
		return "", nil, errProgramNotFound(serial)
	}
	if count < 1 || count > 1e6 {
		return "", nil, badRequest("Invalid value for count.")
	}
	if p.FormFactor == catalog.Cloud && count != 1 {
		return "", nil, badRequest("count must be 1 for cloud products.")
	}
	ps, err := checkParams(p, entries, forCalc)
	if err != nil {
		return "", nil, err
	}
	return "points", calcView{Current: round2(dailyRate(p.ID, ps) * float64(count))}, nil
}

// toolsMetadata — spec §5.22: the shared catalogue in the metadata shape.
func (s *Server) toolsMetadata(_ caller, _ *request) (string, any, *APIError) {
	return "productTypes", catalog.Metadata().ProductTypes, nil
}

// --- shared error texts (invented, kept stable for tests; spec §3.3) ---

func errProgramNotFound(serial string) *APIError {
	return badRequest("Program %s not found.", serial)
}

func errAccountNotFound(id int64) *APIError {
	return badRequest("Account %d not found.", id)
}

func errProductNotFound(id int64) *APIError {
	return badRequest("Product type %d not found.", id)
}

func errConfigNotFound() *APIError { return badRequest("Configuration not found.") }

func errEntitlementNotFound() *APIError { return badRequest("Entitlement not found.") }

func errConfigDisabled(id int64) *APIError {
	return badRequest("Configuration %d is disabled.", id)
}

// errStatus refuses an action in the entitlement's current status.
func errStatus(status, action string) *APIError {
	return badRequest("Entitlement status %s cannot be %s.", status, action)
}

// alreadyActiveErrorCode is the invented errorCode of "Entitlement is already
// ACTIVE." (spec §5.15: the error object carries an errorCode).
const alreadyActiveErrorCode = 409

func errAlreadyActive() *APIError {
	const m = "Entitlement is already ACTIVE."
	return &APIError{HTTP: 400, Message: m, Detail: map[string]any{"errorCode": alreadyActiveErrorCode, "message": m}}
}
