package sim

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/flexgo/fortiflexvm/internal/catalog"
)

// Serial numbers (spec §8).
//
// VM entitlements: a 4-letter product prefix + "ELTM" + 2-digit year of
// creation + a 6-digit sequence per prefix and year, e.g. FGVMELTM25000001.
// Only FGVM (FortiGate) and FZVM (FortiAnalyzer) are attested; the other
// prefixes are invented.
//
// Cloud entitlements: a 6-letter product prefix + a 10-digit sequence per
// prefix (16 characters), e.g. FCTEMS0000000102. FCTEMS (EMS Cloud) and
// FWBCLE (FortiWeb Cloud) are attested; the others are invented.
var (
	vmSerialPrefix = map[int]string{
		1: "FGVM", 4: "FGVM", 2: "FMVM", 3: "FVVM", 5: "FCEM", 7: "FZVM",
		8: "FPVM", 9: "FADV", 10: "FSRV", 11: "FEVM", 12: "FNVM",
	}
	cloudSerialPrefix = map[int]string{
		202: "FWBCPR", 203: "FWBCLE", 204: "FCTEMS", 205: "FSASEC", 206: "FEDRMS",
		207: "FNDRCL", 208: "FRECON", 209: "FSIEMC", 211: "FAPSEC", 212: "FDLPCL",
	}
)

const (
	defaultFolder = "My Assets"
	// maxVMCount is the largest count of one entitlements/vm/create call (the
	// real limit is unknown, spec §5.9).
	maxVMCount = 1000
	// maxHardwareSerials is the largest serialNumbers list of one
	// entitlements/hardware/create call (the UI limit, spec §5.10).
	maxHardwareSerials = 100
)

var reDeviceSerial = regexp.MustCompile(`^[A-Za-z0-9]{1,32}$`)

// formFactor is the form factor of a product type id (0 when unknown).
func formFactor(productID int) catalog.FormFactor {
	if p, ok := catalog.ProductByID(productID); ok {
		return p.FormFactor
	}
	return 0
}

func (s *Server) entitlementFormFactor(e *entitlement) catalog.FormFactor {
	if c := s.st.config(e.ConfigID); c != nil {
		return formFactor(c.ProductType.ID)
	}
	return 0
}

// entitlementArg returns the entitlement named by serialNumber.
func (s *Server) entitlementArg(req *request) (*entitlement, *APIError) {
	serial, err := req.requiredStr("serialNumber")
	if err != nil {
		return nil, err
	}
	e := s.st.entitlement(serial)
	if e == nil {
		return nil, errEntitlementNotFound()
	}
	return e, nil
}

// creatable checks that entitlements of form factor ff may be created on c
// and returns its program.
func (s *Server) creatable(c *config, ff catalog.FormFactor) (*program, *APIError) {
	if formFactor(c.ProductType.ID) != ff {
		return nil, badRequest("Configuration %d is not a %s configuration.", c.ID, ff)
	}
	if c.Status == statusDisabled {
		return nil, errConfigDisabled(c.ID)
	}
	prog := s.st.program(c.ProgramSerialNumber)
	if prog == nil {
		return nil, errProgramNotFound(c.ProgramSerialNumber)
	}
	if dayOf(prog.EndDate) < dayOf(s.now()) {
		return nil, badRequest("Program %s has expired.", prog.SerialNumber)
	}
	if prog.Prepaid && prog.PointBalance <= 0 {
		return nil, badRequest("Insufficient point balance in program %s.", prog.SerialNumber)
	}
	return prog, nil
}

// endDateArg reads endDate: absent, null or "" → the program end date;
// otherwise it must be today or later and not after the program end date.
func (s *Server) endDateArg(req *request, prog *program) (time.Time, bool, *APIError) {
	t, given, err := req.date("endDate")
	if err != nil {
		return time.Time{}, false, err
	}
	if !given {
		return prog.EndDate, false, nil
	}
	if err := s.checkEndDate(t, prog); err != nil {
		return time.Time{}, false, err
	}
	return t, true, nil
}

func (s *Server) checkEndDate(t time.Time, prog *program) *APIError {
	if dayOf(t) < dayOf(s.now()) {
		return badRequest("endDate must not be before today.")
	}
	if t.After(prog.EndDate) {
		return badRequest("endDate must not be after the program end date.")
	}
	return nil
}

// folderArg reads folderPath: default "My Assets"; otherwise "My Assets" or
// a path below it.
// createArgs reads what every entitlement create takes besides its own
// fields: description, folderPath and endDate, the end date checked against
// the program of c, which must allow creating entitlements of form factor ff.
func (s *Server) createArgs(req *request, c *config, ff catalog.FormFactor) (desc, folder string, end time.Time, aerr *APIError) {
	if desc, _, aerr = req.str("description"); aerr != nil {
		return
	}
	if folder, aerr = folderArg(req); aerr != nil {
		return
	}
	prog, aerr := s.creatable(c, ff)
	if aerr != nil {
		return
	}
	end, _, aerr = s.endDateArg(req, prog)
	return
}

func folderArg(req *request) (string, *APIError) {
	f, _, err := req.str("folderPath")
	if err != nil {
		return "", err
	}
	f = strings.TrimRight(strings.TrimSpace(f), "/")
	if f == "" {
		return defaultFolder, nil
	}
	if f != defaultFolder && !strings.HasPrefix(f, defaultFolder+"/") {
		return "", badRequest("Invalid value for folderPath.")
	}
	return f, nil
}

func (s *Server) created() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

func views(list []*entitlement) []entitlementView {
	out := make([]entitlementView, len(list))
	for i, e := range list {
		out[i] = e.view()
	}
	return out
}

// entitlementsVMCreate — spec §5.9: count new PENDING (ACTIVE with
// skipPending) entitlements with fresh NOTUSED tokens.
func (s *Server) entitlementsVMCreate(_ caller, req *request) (string, any, *APIError) {
	c, err := s.configArg(req, "configId")
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
	if count < 1 || count > maxVMCount {
		return "", nil, badRequest("count must be between 1 and %d.", maxVMCount)
	}
	skip, _, err := req.bool("skipPending")
	if err != nil {
		return "", nil, err
	}
	desc, folder, end, err := s.createArgs(req, c, catalog.VM)
	if err != nil {
		return "", nil, err
	}
	status := statusPending
	if skip {
		status = statusActive
	}
	now := s.created()
	prefix, ok := vmSerialPrefix[c.ProductType.ID]
	if !ok {
		prefix = "FXVM"
	}
	prefix += fmt.Sprintf("ELTM%02d", now.Year()%100)
	out := make([]*entitlement, 0, count)
	for range count {
		e := &entitlement{
			SerialNumber: s.st.nextSerial(prefix, 6), AccountID: c.AccountID, ConfigID: c.ID,
			Description: desc, StartDate: now, EndDate: end, Status: status,
			Token: s.st.newToken(), TokenStatus: tokenNotUsed, FolderPath: folder,
			ActiveToday: status == statusActive,
		}
		s.st.addEntitlement(e)
		out = append(out, e)
	}
	return "entitlements", views(out), nil
}

// deviceSerials reads serialNumbers (required, non-empty).
func deviceSerials(req *request) ([]string, *APIError) {
	serials, given, err := req.strs("serialNumbers")
	if err != nil {
		return nil, err
	}
	if !given || len(serials) == 0 {
		return nil, badRequest("serialNumbers is required.")
	}
	for i := range serials {
		serials[i] = strings.TrimSpace(serials[i])
	}
	return serials, nil
}

// entitlementsHardwareCreate — spec §5.10: one ACTIVE entitlement per device
// serial; the serial must not be registered yet.
func (s *Server) entitlementsHardwareCreate(_ caller, req *request) (string, any, *APIError) {
	c, err := s.configArg(req, "configId")
	if err != nil {
		return "", nil, err
	}
	serials, err := deviceSerials(req)
	if err != nil {
		return "", nil, err
	}
	if len(serials) > maxHardwareSerials {
		return "", nil, badRequest("At most %d serial numbers per request.", maxHardwareSerials)
	}
	seen := map[string]bool{}
	for _, sn := range serials {
		if !reDeviceSerial.MatchString(sn) {
			return "", nil, badRequest("Invalid serial number %s.", sn)
		}
		if seen[sn] || s.st.entitlement(sn) != nil {
			return "", nil, badRequest("Serial number %s is already registered.", sn)
		}
		seen[sn] = true
	}
	desc, folder, end, err := s.createArgs(req, c, catalog.Hardware)
	if err != nil {
		return "", nil, err
	}
	now := s.created()
	out := make([]*entitlement, 0, len(serials))
	for _, sn := range serials {
		e := &entitlement{
			SerialNumber: sn, AccountID: c.AccountID, ConfigID: c.ID, Description: desc,
			StartDate: now, EndDate: end, Status: statusActive, FolderPath: folder, ActiveToday: true,
		}
		s.st.addEntitlement(e)
		out = append(out, e)
	}
	return "entitlements", views(out), nil
}

// entitlementsHardwareRemove — spec §5.11: removes the hardware entitlements
// (and their points history) from the simulator. All or nothing; answers the
// envelope without a data key.
func (s *Server) entitlementsHardwareRemove(_ caller, req *request) (string, any, *APIError) {
	serials, err := deviceSerials(req)
	if err != nil {
		return "", nil, err
	}
	list := make([]*entitlement, 0, len(serials))
	for _, sn := range serials {
		e := s.st.entitlement(sn)
		if e == nil {
			return "", nil, errEntitlementNotFound()
		}
		if s.entitlementFormFactor(e) != catalog.Hardware {
			return "", nil, badRequest("Entitlement %s is not a hardware entitlement.", sn)
		}
		list = append(list, e)
	}
	for _, e := range list {
		if s.st.entitlement(e.SerialNumber) == e { // a serial may be listed twice
			s.st.removeEntitlement(e)
		}
	}
	return "", nil, nil
}

// entitlementsCloudCreate — spec §5.12: one ACTIVE entitlement; at most one
// entitlement (not EXPIRED) per cloud product type per account.
func (s *Server) entitlementsCloudCreate(_ caller, req *request) (string, any, *APIError) {
	c, err := s.configArg(req, "configId")
	if err != nil {
		return "", nil, err
	}
	if n, given, err := req.int("count"); err != nil {
		return "", nil, err
	} else if given && n != 1 {
		return "", nil, badRequest("count must be 1 for cloud products.")
	}
	desc, folder, end, err := s.createArgs(req, c, catalog.Cloud)
	if err != nil {
		return "", nil, err
	}
	for _, other := range s.st.Configs {
		if other.AccountID != c.AccountID || other.ProductType.ID != c.ProductType.ID {
			continue
		}
		for _, e := range s.st.byConfig[other.ID] {
			if e.Status != statusExpired {
				return "", nil, badRequest("Account %d already has an entitlement for product type %d.", c.AccountID, c.ProductType.ID)
			}
		}
	}
	prefix, ok := cloudSerialPrefix[c.ProductType.ID]
	if !ok {
		prefix = "FCLOUD"
	}
	e := &entitlement{
		SerialNumber: s.st.nextSerial(prefix, 16-len(prefix)), AccountID: c.AccountID, ConfigID: c.ID,
		Description: desc, StartDate: s.created(), EndDate: end, Status: statusActive,
		FolderPath: folder, ActiveToday: true,
	}
	s.st.addEntitlement(e)
	return "entitlements", []entitlementView{e.view()}, nil
}

// entitlementsUpdate — spec §5.13. PENDING, ACTIVE and STOPPED entitlements
// may move to another configuration of the same product type in the same
// account (not DISABLED) and change their description; only PENDING and
// ACTIVE ones may change their end date; EXPIRED ones cannot be updated.
// A configId or endDate equal to the current one is not a change.
func (s *Server) entitlementsUpdate(_ caller, req *request) (string, any, *APIError) {
	e, err := s.entitlementArg(req)
	if err != nil {
		return "", nil, err
	}
	cfgID, cfgGiven, err := req.int("configId")
	if err != nil {
		return "", nil, err
	}
	desc, descGiven, err := req.str("description")
	if err != nil {
		return "", nil, err
	}
	end, endGiven, err := req.date("endDate")
	if err != nil {
		return "", nil, err
	}
	if e.Status == statusExpired {
		return "", nil, errStatus(e.Status, "updated")
	}
	target := s.st.config(e.ConfigID)
	if cfgGiven && cfgID != e.ConfigID {
		nc := s.st.config(cfgID)
		if nc == nil {
			return "", nil, errConfigNotFound()
		}
		if err := s.sameKind(nc, target, e.AccountID); err != nil {
			return "", nil, err
		}
		target = nc
	}
	if endGiven && !end.Equal(e.EndDate) {
		if e.Status != statusPending && e.Status != statusActive {
			return "", nil, badRequest("The end date of a %s entitlement cannot be changed.", e.Status)
		}
		prog := s.st.program(target.ProgramSerialNumber)
		if prog == nil {
			return "", nil, errProgramNotFound(target.ProgramSerialNumber)
		}
		if err := s.checkEndDate(end, prog); err != nil {
			return "", nil, err
		}
		e.EndDate = end
	}
	s.st.moveEntitlement(e, target)
	if descGiven {
		e.Description = desc
	}
	return "entitlements", []entitlementView{e.view()}, nil
}

// sameKind checks that configuration nc may receive entitlements of
// configuration old in account acct.
func (s *Server) sameKind(nc, old *config, acct int64) *APIError {
	if nc.AccountID != acct {
		return badRequest("Configuration %d does not belong to account %d.", nc.ID, acct)
	}
	if old == nil || nc.ProductType.ID != old.ProductType.ID {
		return badRequest("Configuration %d has a different product type.", nc.ID)
	}
	if nc.Status == statusDisabled {
		return errConfigDisabled(nc.ID)
	}
	return nil
}

// entitlementsStop — spec §5.14: ACTIVE or PENDING → STOPPED. The current
// day is still charged if the entitlement was ACTIVE during it.
func (s *Server) entitlementsStop(_ caller, req *request) (string, any, *APIError) {
	e, err := s.entitlementArg(req)
	if err != nil {
		return "", nil, err
	}
	if e.Status != statusActive && e.Status != statusPending {
		return "", nil, errStatus(e.Status, "stopped")
	}
	e.Status = statusStopped
	return "entitlements", []entitlementView{e.view()}, nil
}

// entitlementsReactivate — spec §5.15: STOPPED → ACTIVE only.
func (s *Server) entitlementsReactivate(_ caller, req *request) (string, any, *APIError) {
	e, err := s.entitlementArg(req)
	if err != nil {
		return "", nil, err
	}
	switch e.Status {
	case statusStopped:
	case statusActive:
		return "", nil, errAlreadyActive()
	default:
		return "", nil, errStatus(e.Status, "reactivated")
	}
	e.Status = statusActive
	e.ActiveToday = true
	return "entitlements", []entitlementView{e.view()}, nil
}

// entitlementsVMToken — spec §5.16: a new token, NOTUSED; status unchanged.
func (s *Server) entitlementsVMToken(_ caller, req *request) (string, any, *APIError) {
	e, err := s.entitlementArg(req)
	if err != nil {
		return "", nil, err
	}
	if s.entitlementFormFactor(e) != catalog.VM {
		return "", nil, badRequest("Entitlement %s is not a VM entitlement.", e.SerialNumber)
	}
	s.st.setToken(e, s.st.newToken())
	e.TokenStatus = tokenNotUsed
	return "entitlements", []entitlementView{e.view()}, nil
}

// entitlementScope returns the entitlements named by configId, or by
// accountId + programSerialNumber (spec §5.8, §5.17). The slice must not be
// modified.
func (s *Server) entitlementScope(req *request) ([]*entitlement, *APIError) {
	cfgID, cfgGiven, err := req.int("configId")
	if err != nil {
		return nil, err
	}
	acct, acctGiven, err := req.int("accountId")
	if err != nil {
		return nil, err
	}
	prog, _, err := req.str("programSerialNumber")
	if err != nil {
		return nil, err
	}
	prog = strings.TrimSpace(prog)
	switch {
	case cfgGiven:
		c := s.st.config(cfgID)
		if c == nil {
			return nil, errConfigNotFound()
		}
		if (acctGiven && c.AccountID != acct) || (prog != "" && c.ProgramSerialNumber != prog) {
			return nil, nil
		}
		return s.st.byConfig[c.ID], nil
	case acctGiven && prog != "":
		if s.st.program(prog) == nil {
			return nil, errProgramNotFound(prog)
		}
		if s.st.account(acct) == nil {
			return nil, errAccountNotFound(acct)
		}
		var out []*entitlement
		for _, c := range s.st.Configs {
			if c.AccountID == acct && c.ProgramSerialNumber == prog {
				out = append(out, s.st.byConfig[c.ID]...)
			}
		}
		return out, nil
	}
	return nil, badRequest("Either configId or accountId and programSerialNumber are required.")
}

var (
	entitlementStatuses = []string{statusActive, statusPending, statusStopped, statusExpired}
	tokenStatuses       = []string{tokenUsed, tokenNotUsed}
)

// enumFilter reads an optional filter whose value must be one of allowed
// (case-insensitive); "" = no filter.
func enumFilter(req *request, name string, allowed []string) (string, *APIError) {
	v, _, err := req.str(name)
	if err != nil {
		return "", err
	}
	v = strings.ToUpper(strings.TrimSpace(v))
	if v != "" && !slices.Contains(allowed, v) {
		return "", badRequest("Invalid value for %s.", name)
	}
	return v, nil
}

// entitlementsList — spec §5.8. Optional exact-match filters serialNumber,
// status, tokenStatus and description ("" = no filter).
func (s *Server) entitlementsList(_ caller, req *request) (string, any, *APIError) {
	list, err := s.entitlementScope(req)
	if err != nil {
		return "", nil, err
	}
	serial, _, err := req.str("serialNumber")
	if err != nil {
		return "", nil, err
	}
	status, err := enumFilter(req, "status", entitlementStatuses)
	if err != nil {
		return "", nil, err
	}
	tokStatus, err := enumFilter(req, "tokenStatus", tokenStatuses)
	if err != nil {
		return "", nil, err
	}
	desc, _, err := req.str("description")
	if err != nil {
		return "", nil, err
	}
	// Encoded here, under the lock, by the fast appender (see appendJSON).
	out := make([]byte, 0, 64+len(list)*240)
	out = append(out, '[')
	for _, e := range list {
		if (serial != "" && e.SerialNumber != serial) || (status != "" && e.Status != status) ||
			(tokStatus != "" && e.TokenStatus != tokStatus) || (desc != "" && e.Description != desc) {
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = e.appendJSON(out)
	}
	return "entitlements", rawJSON(append(out, ']')), nil
}

type entitlementPointsView struct {
	SerialNumber string  `json:"serialNumber"`
	AccountID    int64   `json:"accountId"`
	Points       float64 `json:"points"`
}

// entitlementsPoints — spec §5.17: per entitlement, the sum of the points
// charged on the closed days in [startDate, endDate] (dates only; today is
// not closed yet), limited to the last Options.PointsLookbackDays days.
// Every entitlement in scope gets a row, 0 when nothing was charged.
func (s *Server) entitlementsPoints(_ caller, req *request) (string, any, *APIError) {
	start, ok, err := req.date("startDate")
	if err != nil {
		return "", nil, err
	}
	if !ok {
		return "", nil, badRequest("startDate is required.")
	}
	end, ok, err := req.date("endDate")
	if err != nil {
		return "", nil, err
	}
	if !ok {
		return "", nil, badRequest("endDate is required.")
	}
	if dayOf(start) > dayOf(end) {
		return "", nil, badRequest("startDate must not be after endDate.")
	}
	list, err := s.entitlementScope(req)
	if err != nil {
		return "", nil, err
	}
	serial, _, err := req.str("serialNumber")
	if err != nil {
		return "", nil, err
	}
	from, to := dayOf(start), dayOf(end)
	if n := s.opts.PointsLookbackDays; n > 0 {
		from = max(from, dayOf(s.now())-day(n))
	}
	out := make([]entitlementPointsView, 0, len(list))
	for _, e := range list {
		if serial != "" && e.SerialNumber != serial {
			continue
		}
		out = append(out, entitlementPointsView{SerialNumber: e.SerialNumber, AccountID: e.AccountID, Points: round2(e.pointsBetween(from, to))})
	}
	return "entitlements", out, nil
}

// entitlementsTransfer — spec §5.18: moves entitlements of sourceConfigId
// (in sourceAccountId) to targetAccountId. All accounts of the simulator
// belong to one organisation.
//
// targetConfigId, when given, must be a configuration of the target account
// with the same product type, not DISABLED. When it is null or absent (spec
// §12 #21) the simulator picks the first ACTIVE configuration of the target
// account in the same program with the same product type and the same
// parameters; if there is none it creates one: a copy of the source
// configuration (same name, program, product type and parameters) in the
// target account, with a new id.
func (s *Server) entitlementsTransfer(_ caller, req *request) (string, any, *APIError) {
	srcAcct, err := req.requiredInt("sourceAccountId")
	if err != nil {
		return "", nil, err
	}
	srcCfg, err := req.requiredInt("sourceConfigId")
	if err != nil {
		return "", nil, err
	}
	dstAcct, err := req.requiredInt("targetAccountId")
	if err != nil {
		return "", nil, err
	}
	dstCfg, dstGiven, err := req.int("targetConfigId")
	if err != nil {
		return "", nil, err
	}
	serials, err := deviceSerials(req)
	if err != nil {
		return "", nil, err
	}
	for _, a := range []int64{srcAcct, dstAcct} {
		if s.st.account(a) == nil {
			return "", nil, errAccountNotFound(a)
		}
	}
	if srcAcct == dstAcct {
		return "", nil, badRequest("sourceAccountId and targetAccountId must differ.")
	}
	src := s.st.config(srcCfg)
	if src == nil {
		return "", nil, errConfigNotFound()
	}
	if src.AccountID != srcAcct {
		return "", nil, badRequest("Configuration %d does not belong to account %d.", src.ID, srcAcct)
	}
	list := make([]*entitlement, 0, len(serials))
	seen := map[string]bool{}
	for _, sn := range serials {
		e := s.st.entitlement(sn)
		if e == nil {
			return "", nil, errEntitlementNotFound()
		}
		if e.ConfigID != src.ID {
			return "", nil, badRequest("Entitlement %s does not belong to configuration %d.", sn, src.ID)
		}
		if e.Status == statusExpired {
			return "", nil, errStatus(e.Status, "transferred")
		}
		if !seen[sn] {
			seen[sn] = true
			list = append(list, e)
		}
	}
	var target *config
	if dstGiven {
		target = s.st.config(dstCfg)
		if target == nil {
			return "", nil, errConfigNotFound()
		}
		if err := s.sameKind(target, src, dstAcct); err != nil {
			return "", nil, err
		}
	} else {
		target = s.equivalentConfig(src, dstAcct)
	}
	for _, e := range list {
		s.st.moveEntitlement(e, target)
	}
	return "entitlements", views(list), nil
}

// equivalentConfig finds or creates the configuration of account acct that
// matches src (see entitlementsTransfer).
func (s *Server) equivalentConfig(src *config, acct int64) *config {
	for _, c := range s.st.Configs {
		if c.AccountID == acct && c.Status == statusActive && c.ProgramSerialNumber == src.ProgramSerialNumber &&
			c.ProductType.ID == src.ProductType.ID && slices.Equal(c.Parameters, src.Parameters) {
			return c
		}
	}
	c := &config{
		ID: s.st.NextConfigID, Name: src.Name, ProgramSerialNumber: src.ProgramSerialNumber, AccountID: acct,
		Status: statusActive, ProductType: src.ProductType, Parameters: slices.Clone(src.Parameters),
	}
	s.st.NextConfigID++
	s.st.addConfig(c)
	return c
}
