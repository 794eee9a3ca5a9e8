package sim

import (
	"time"

	"github.com/flexgo/fortiflexvm/internal/catalog"
)

// Demo organisation: one root and one tenant account.
const (
	demoRootAccount   int64 = 853130
	demoTenantAccount int64 = 853131

	demoPrepaidProgram  = "ELAVMR0000000101"
	demoPostpaidProgram = "ELAVMS0000000518"

	demoPrepaidBalance = 126652

	firstConfigID int64 = 5000
)

// productName is the productType.name live responses show (from the shared
// catalogue, spec §7.1).
func productName(id int) string {
	if p, ok := catalog.ProductByID(id); ok {
		return p.APIName
	}
	return ""
}

// paramName is the API `name` code of a parameter id (spec §4.4).
func paramName(id int) string {
	if _, prm, ok := catalog.ParamByID(id); ok {
		return prm.APIName
	}
	return ""
}

// params builds a parameter list from id/value pairs, filling the API names.
func params(kv ...any) []param {
	out := make([]param, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		id := kv[i].(int)
		out = append(out, param{ID: id, Name: paramName(id), Value: kv[i+1].(string)})
	}
	return out
}

// seed builds the initial state for s.opts.Seed. Dates are relative to the
// simulator clock (UTC midnight of "today") so the seed never goes stale;
// ids and serials are fixed.
func (s *Server) seed() *state {
	today := s.now().UTC().Truncate(24 * time.Hour)
	st := &state{
		Seed: s.opts.Seed,
		Accounts: []*account{
			{ID: demoRootAccount, Name: "Demo Org (root)", Root: true},
			{ID: demoTenantAccount, Name: "Demo Tenant A"},
		},
		Programs: []*program{
			{
				SerialNumber: demoPrepaidProgram, AccountID: demoRootAccount,
				StartDate: today.AddDate(-1, 0, 0), EndDate: today.AddDate(2, 0, 0),
				HasSupportCoverage: true, Prepaid: true, PointBalance: demoPrepaidBalance,
			},
			{
				SerialNumber: demoPostpaidProgram, AccountID: demoRootAccount,
				StartDate: today.AddDate(-2, 0, 0), EndDate: today.AddDate(3, 0, 0),
				HasSupportCoverage: true,
			},
		},
		Configs:        []*config{},
		Entitlements:   []*entitlement{},
		NextConfigID:   firstConfigID,
		NextSerial:     map[string]int{},
		AccruedThrough: dayOf(today) - 1,
	}
	if s.opts.Seed == SeedEmpty {
		st.reindex()
		return st
	}

	addConfig := func(name, prog string, acct int64, product int, status string, ps []param) int64 {
		id := st.NextConfigID
		st.NextConfigID++
		st.Configs = append(st.Configs, &config{
			ID: id, Name: name, ProgramSerialNumber: prog, AccountID: acct, Status: status,
			ProductType: productType{ID: product, Name: productName(product)},
			Parameters:  ps,
		})
		return id
	}
	fgt := addConfig("fgt-vm-4cpu-utp", demoPrepaidProgram, demoRootAccount, 1, statusActive,
		params(1, "4", 2, "UTP", 10, "0", 43, "FGTAVDB", 43, "FGTFAIS", 44, "NONE", 45, "NONE"))
	fmg := addConfig("fmg-vm-10dev", demoPrepaidProgram, demoRootAccount, 2, statusActive,
		params(30, "10", 9, "2"))
	hw := addConfig("fgt-60f-hw", demoPrepaidProgram, demoTenantAccount, 101, statusActive,
		params(27, "FGT60F", 28, "FGHWFC247", 29, "NONE"))
	ems := addConfig("ems-cloud-100", demoPrepaidProgram, demoTenantAccount, 204, statusActive,
		params(37, "100", 38, "0", 39, "50", 40, "0", 41, "0", 42, "BPS"))
	addConfig("fgt-vm-2cpu-old", demoPrepaidProgram, demoTenantAccount, 1, statusDisabled,
		params(1, "2", 2, "FC", 10, "0", 43, "NONE", 44, "FGTFAMS", 44, "FGTSOCA", 45, "FGTFCELU"))
	mssp := addConfig("fgt-vm-2cpu-atp", demoPostpaidProgram, demoRootAccount, 1, statusActive,
		params(1, "2", 2, "ATP", 10, "5", 43, "NONE", 44, "NONE", 45, "NONE"))

	prepaidEnd := st.Programs[0].EndDate
	postpaidEnd := st.Programs[1].EndDate
	created := func(daysAgo int, hms string, millis int) time.Time {
		d, _ := time.ParseDuration(hms)
		return today.AddDate(0, 0, -daysAgo).Add(d).Add(time.Duration(millis) * time.Millisecond)
	}
	vm := func(serial string, acct, cfg int64, desc, status, tokStatus string, start time.Time, end time.Time, folder string) *entitlement {
		return &entitlement{
			SerialNumber: serial, AccountID: acct, ConfigID: cfg, Description: desc,
			StartDate: start, EndDate: end, Status: status,
			Token: newLicenseToken(), TokenStatus: tokStatus, FolderPath: folder,
		}
	}
	st.Entitlements = append(st.Entitlements,
		vm("FGVMELTM24000001", demoRootAccount, fgt, "", statusPending, tokenNotUsed,
			created(2, "9h14m51s", 270), prepaidEnd, "My Assets"),
		vm("FGVMELTM24000002", demoRootAccount, fgt, "branch-a", statusActive, tokenUsed,
			created(40, "15h49m29s", 643), prepaidEnd, "My Assets/branch"),
		vm("FGVMELTM24000003", demoRootAccount, fgt, "", statusStopped, tokenUsed,
			created(90, "8h0m0s", 30), prepaidEnd, "My Assets/branch"),
		vm("FMVMELTM24000001", demoRootAccount, fmg, "hq-fmg", statusActive, tokenUsed,
			created(120, "11h5m12s", 153), prepaidEnd, "My Assets"),
		vm("FGVMELTM24000004", demoRootAccount, mssp, "customer-x", statusActive, tokenNotUsed,
			created(10, "7h30m0s", 0), postpaidEnd, "My Assets"),
		&entitlement{
			SerialNumber: "FGT60FTK24000001", AccountID: demoTenantAccount, ConfigID: hw,
			Description: "store-17", StartDate: created(60, "10h0m0s", 500), EndDate: prepaidEnd,
			Status: statusActive, FolderPath: "My Assets",
		},
		&entitlement{
			SerialNumber: "FCTEMS0000000101", AccountID: demoTenantAccount, ConfigID: ems,
			StartDate: created(30, "12h0m0s", 0), EndDate: prepaidEnd,
			Status: statusActive, FolderPath: "My Assets",
		},
	)
	st.NextSerial["FGVMELTM24"] = 4
	st.NextSerial["FMVMELTM24"] = 1
	st.NextSerial["FCTEMS"] = 101
	st.reindex()

	// History: every ACTIVE entitlement has been charged its daily rate from
	// its start day through yesterday (the balance above is what is left
	// after that), so entitlements/points has data without moving the clock.
	for _, e := range st.Entitlements {
		if e.Status != statusActive {
			continue
		}
		e.ActiveToday = true
		c := st.config(e.ConfigID)
		e.charge(dayOf(e.StartDate), st.AccruedThrough, dailyRate(c.ProductType.ID, c.Parameters))
	}
	return st
}
