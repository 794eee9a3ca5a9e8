package sim

import (
	"math"
	"sort"
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
	byPath := map[string]*groupView{}
	for _, e := range s.st.Entitlements {
		if e.Token == "" || e.Status == statusExpired {
			continue
		}
		g := byPath[e.FolderPath]
		if g == nil {
			g = &groupView{FolderPath: e.FolderPath}
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
	return "groups", out, nil
}

// --- shared error texts (invented, kept stable for tests; spec §3.3) ---

func errProgramNotFound(serial string) *APIError {
	return badRequest("Program %s not found.", serial)
}

func errAccountNotFound(id int64) *APIError {
	return badRequest("Account %d not found.", id)
}
