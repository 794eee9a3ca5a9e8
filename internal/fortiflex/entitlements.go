package fortiflex

import (
	"context"
	"strings"

	"github.com/tidwall/gjson"
)

// Entitlement is a FortiFlex entitlement: a VM, a hardware device or a cloud
// service bound to a configuration (spec §4.5). Dates stay as the API sent
// them (see ParseTime). Token and TokenStatus are "" for hardware and cloud
// entitlements (the API sends null); a null Description reads as "".
type Entitlement struct {
	SerialNumber string `json:"serialNumber"`
	AccountID    int    `json:"accountId"`
	ConfigID     int    `json:"configId"`
	Description  string `json:"description"`
	StartDate    string `json:"startDate"`
	EndDate      string `json:"endDate"`
	Status       string `json:"status"`
	Token        string `json:"token"`
	TokenStatus  string `json:"tokenStatus"`
}

// UnmarshalJSON decodes tolerantly (numbers as strings, nulls as "", unknown
// fields ignored).
func (e *Entitlement) UnmarshalJSON(b []byte) error { return e.decode(gjson.ParseBytes(b)) }

func (e *Entitlement) decode(r gjson.Result) error {
	d := newObjDecoder(r, "entitlement")
	*e = Entitlement{
		SerialNumber: d.str("serialNumber"),
		AccountID:    d.int("accountId"),
		ConfigID:     d.int("configId"),
		Description:  d.str("description"),
		StartDate:    d.str("startDate"),
		EndDate:      d.str("endDate"),
		Status:       d.str("status"),
		Token:        d.str("token"),
		TokenStatus:  d.str("tokenStatus"),
	}
	return d.err
}

// EntitlementPoints is the points an entitlement consumed in a date range
// (spec §4.6). Points are fractional.
type EntitlementPoints struct {
	SerialNumber string  `json:"serialNumber"`
	AccountID    int     `json:"accountId"`
	Points       float64 `json:"points"`
}

// UnmarshalJSON decodes tolerantly (numbers as strings, unknown fields ignored).
func (p *EntitlementPoints) UnmarshalJSON(b []byte) error { return p.decode(gjson.ParseBytes(b)) }

func (p *EntitlementPoints) decode(r gjson.Result) error {
	d := newObjDecoder(r, "entitlement points")
	*p = EntitlementPoints{
		SerialNumber: d.str("serialNumber"),
		AccountID:    d.int("accountId"),
		Points:       d.float("points"),
	}
	return d.err
}

// entitlementKeys are the data keys of entitlement answers: "vms" is the
// historic name some endpoints still use (spec §3.1, §12 #3).
var entitlementKeys = []string{"entitlements", "vms"}

func decodeEntitlementList(env *envelope, ep endpoint) ([]Entitlement, error) {
	return decodeList(env, ep, entitlementKeys, (*Entitlement).decode)
}

func decodeEntitlementOne(env *envelope, ep endpoint) (*Entitlement, error) {
	return decodeOne(env, ep, entitlementKeys, "entitlement", (*Entitlement).decode)
}

func decodeEntitlementPoints(env *envelope, ep endpoint) ([]EntitlementPoints, error) {
	return decodeList(env, ep, entitlementKeys, (*EntitlementPoints).decode)
}

var (
	epEntitlementsList           = endpoint{op: "entitlements/list", safe: true}
	epEntitlementsVMCreate       = endpoint{op: "entitlements/vm/create"}
	epEntitlementsHardwareCreate = endpoint{op: "entitlements/hardware/create"}
	epEntitlementsHardwareRemove = endpoint{op: "entitlements/hardware/remove"}
	epEntitlementsCloudCreate    = endpoint{op: "entitlements/cloud/create"}
	epEntitlementsUpdate         = endpoint{op: "entitlements/update", safe: true}
	epEntitlementsStop           = endpoint{op: "entitlements/stop"}
	epEntitlementsReactivate     = endpoint{op: "entitlements/reactivate"}
	epEntitlementsToken          = endpoint{op: "entitlements/vm/token"}
	epEntitlementsPoints         = endpoint{op: "entitlements/points", safe: true}
	epEntitlementsTransfer       = endpoint{op: "entitlements/transfer"}
)

// EntitlementListOptions selects the entitlements of entitlements/list (spec
// §5.8). Give ConfigID, or AccountID with ProgramSerialNumber (or all three).
// Empty strings and nil are not sent; the other fields are exact-match filters.
type EntitlementListOptions struct {
	ConfigID            *int   `json:"configId,omitempty"`
	AccountID           *int   `json:"accountId,omitempty"`
	ProgramSerialNumber string `json:"programSerialNumber,omitempty"`
	SerialNumber        string `json:"serialNumber,omitempty"`
	Status              string `json:"status,omitempty"`      // ACTIVE, PENDING, STOPPED, EXPIRED
	TokenStatus         string `json:"tokenStatus,omitempty"` // USED, NOTUSED
	Description         string `json:"description,omitempty"`
}

// EntitlementsList returns the entitlements of a configuration or of an
// account in a program (entitlements/list, spec §5.8).
func (c *Client) EntitlementsList(ctx context.Context, o EntitlementListOptions) ([]Entitlement, error) {
	op := epEntitlementsList.name()
	o.ProgramSerialNumber = strings.TrimSpace(o.ProgramSerialNumber)
	o.SerialNumber = strings.TrimSpace(o.SerialNumber)
	o.Status = strings.TrimSpace(o.Status)
	o.TokenStatus = strings.TrimSpace(o.TokenStatus)
	if err := scopeCheck(op, o.ConfigID, o.AccountID, o.ProgramSerialNumber); err != nil {
		return nil, err
	}
	env, err := c.call(ctx, epEntitlementsList, o)
	if err != nil {
		return nil, err
	}
	return decodeEntitlementList(env, epEntitlementsList)
}

// scopeCheck is the one-of rule of entitlements/list and /points: configId,
// or accountId with programSerialNumber; ids given must be positive.
func scopeCheck(op string, configID, accountID *int, program string) error {
	if err := positive(op, "configId", configID); err != nil {
		return err
	}
	if err := positive(op, "accountId", accountID); err != nil {
		return err
	}
	if configID == nil && (accountID == nil || program == "") {
		return validationError(op, "give configId, or accountId together with programSerialNumber")
	}
	return nil
}

// nullableDate is an optional date sent as JSON null when empty ("use the
// program end date", spec §4.8).
func nullableDate(s string) *string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	return &s
}

// VMCreate is the input of EntitlementsVMCreate (spec §5.9).
type VMCreate struct {
	ConfigID    int    // required: a VM configuration
	Count       int    // required: how many entitlements, at least 1
	Description string // applied to every new entitlement; sent as is
	EndDate     string // "" sends null: the program end date
	FolderPath  string // asset folder, e.g. "My Assets/branch"; "" is not sent
	SkipPending bool   // true: ACTIVE (and charged) at once, before the token is used
}

// vmCreateRequest is the body of entitlements/vm/create.
type vmCreateRequest struct {
	ConfigID    int     `json:"configId"`
	Count       int     `json:"count"`
	Description string  `json:"description"`
	EndDate     *string `json:"endDate"`
	FolderPath  string  `json:"folderPath,omitempty"`
	SkipPending bool    `json:"skipPending"`
}

// EntitlementsVMCreate creates Count VM entitlements and returns them
// (entitlements/vm/create, spec §5.9). It is not safe to repeat; a failure
// without a trustworthy answer matches ErrOutcomeUnknown (list by
// configuration and description before trying again).
func (c *Client) EntitlementsVMCreate(ctx context.Context, in VMCreate) ([]Entitlement, error) {
	op := epEntitlementsVMCreate.name()
	if in.ConfigID <= 0 {
		return nil, validationError(op, "configId must be a positive integer, got %d", in.ConfigID)
	}
	if in.Count < 1 {
		return nil, validationError(op, "count must be at least 1, got %d", in.Count)
	}
	req := vmCreateRequest{
		ConfigID:    in.ConfigID,
		Count:       in.Count,
		Description: in.Description,
		EndDate:     nullableDate(in.EndDate),
		FolderPath:  strings.TrimSpace(in.FolderPath),
		SkipPending: in.SkipPending,
	}
	env, err := c.call(ctx, epEntitlementsVMCreate, req)
	if err != nil {
		return nil, err
	}
	return decodeEntitlementList(env, epEntitlementsVMCreate)
}

// HardwareCreate is the input of EntitlementsHardwareCreate (spec §5.10).
type HardwareCreate struct {
	ConfigID      int      // required: a hardware configuration
	SerialNumbers []string // required: device serial numbers, none empty
	EndDate       string   // "" sends null: the program end date
}

// hardwareCreateRequest is the body of entitlements/hardware/create.
type hardwareCreateRequest struct {
	ConfigID      int      `json:"configId"`
	SerialNumbers []string `json:"serialNumbers"`
	EndDate       *string  `json:"endDate"`
}

// serialList trims serial numbers and requires at least one, none empty.
func serialList(op string, serials []string) ([]string, error) {
	if len(serials) == 0 {
		return nil, validationError(op, "serialNumbers must list at least one serial number")
	}
	out := make([]string, len(serials))
	for i, s := range serials {
		out[i] = strings.TrimSpace(s)
		if out[i] == "" {
			return nil, validationError(op, "serialNumbers[%d] is empty", i)
		}
	}
	return out, nil
}

// EntitlementsHardwareCreate registers hardware devices with FortiFlex and
// returns their entitlements (entitlements/hardware/create, spec §5.10). It
// is not safe to repeat; see ErrOutcomeUnknown.
func (c *Client) EntitlementsHardwareCreate(ctx context.Context, in HardwareCreate) ([]Entitlement, error) {
	op := epEntitlementsHardwareCreate.name()
	if in.ConfigID <= 0 {
		return nil, validationError(op, "configId must be a positive integer, got %d", in.ConfigID)
	}
	serials, err := serialList(op, in.SerialNumbers)
	if err != nil {
		return nil, err
	}
	req := hardwareCreateRequest{ConfigID: in.ConfigID, SerialNumbers: serials, EndDate: nullableDate(in.EndDate)}
	env, err := c.call(ctx, epEntitlementsHardwareCreate, req)
	if err != nil {
		return nil, err
	}
	return decodeEntitlementList(env, epEntitlementsHardwareCreate)
}

// serialsRequest is the body of entitlements/hardware/remove.
type serialsRequest struct {
	SerialNumbers []string `json:"serialNumbers"`
}

// EntitlementsHardwareRemove removes hardware devices from FortiFlex
// (entitlements/hardware/remove, spec §5.11); the answer carries no data. It
// is not retried after the request may have left; see ErrOutcomeUnknown.
func (c *Client) EntitlementsHardwareRemove(ctx context.Context, serials []string) error {
	list, err := serialList(epEntitlementsHardwareRemove.name(), serials)
	if err != nil {
		return err
	}
	_, err = c.call(ctx, epEntitlementsHardwareRemove, serialsRequest{SerialNumbers: list})
	return err
}

// CloudCreate is the input of EntitlementsCloudCreate (spec §5.12).
type CloudCreate struct {
	ConfigID    int    // required: a cloud-service configuration
	EndDate     string // "" sends null: the program end date
	FolderPath  string // "" is not sent
	Description string // "" is not sent
}

// cloudCreateRequest is the body of entitlements/cloud/create.
type cloudCreateRequest struct {
	ConfigID    int     `json:"configId"`
	EndDate     *string `json:"endDate"`
	FolderPath  string  `json:"folderPath,omitempty"`
	Description string  `json:"description,omitempty"`
}

// EntitlementsCloudCreate creates the cloud-service entitlement of a
// configuration (entitlements/cloud/create, spec §5.12); an account holds at
// most one per cloud product. It is not safe to repeat; see ErrOutcomeUnknown.
func (c *Client) EntitlementsCloudCreate(ctx context.Context, in CloudCreate) ([]Entitlement, error) {
	op := epEntitlementsCloudCreate.name()
	if in.ConfigID <= 0 {
		return nil, validationError(op, "configId must be a positive integer, got %d", in.ConfigID)
	}
	req := cloudCreateRequest{
		ConfigID:    in.ConfigID,
		EndDate:     nullableDate(in.EndDate),
		FolderPath:  strings.TrimSpace(in.FolderPath),
		Description: in.Description,
	}
	env, err := c.call(ctx, epEntitlementsCloudCreate, req)
	if err != nil {
		return nil, err
	}
	return decodeEntitlementList(env, epEntitlementsCloudCreate)
}

// EntitlementUpdate is the input of EntitlementsUpdate (spec §5.13). Nil
// fields are not sent; at least one must be set. The API may require ConfigID
// even when it does not change (some clients always send the current one).
type EntitlementUpdate struct {
	SerialNumber string  // required
	ConfigID     *int    // move to another configuration of the same product type
	Description  *string // "" clears the description
	EndDate      *string // new end date
}

// entitlementUpdateRequest is the body of entitlements/update.
type entitlementUpdateRequest struct {
	SerialNumber string  `json:"serialNumber"`
	ConfigID     *int    `json:"configId,omitempty"`
	Description  *string `json:"description,omitempty"`
	EndDate      *string `json:"endDate,omitempty"`
}

// EntitlementsUpdate changes an entitlement's configuration, description
// and/or end date and returns it (entitlements/update, spec §5.13). It is
// safe to repeat, so transient failures are retried.
func (c *Client) EntitlementsUpdate(ctx context.Context, in EntitlementUpdate) (*Entitlement, error) {
	op := epEntitlementsUpdate.name()
	req := entitlementUpdateRequest{SerialNumber: strings.TrimSpace(in.SerialNumber), ConfigID: in.ConfigID, Description: in.Description}
	if req.SerialNumber == "" {
		return nil, validationError(op, "serialNumber is required")
	}
	if err := positive(op, "configId", in.ConfigID); err != nil {
		return nil, err
	}
	if in.EndDate != nil {
		d := strings.TrimSpace(*in.EndDate)
		if d == "" {
			return nil, validationError(op, "endDate must not be empty (leave it out to keep the current one)")
		}
		req.EndDate = &d
	}
	if in.ConfigID == nil && in.Description == nil && in.EndDate == nil {
		return nil, validationError(op, "nothing to update: give configId, description or endDate")
	}
	env, err := c.call(ctx, epEntitlementsUpdate, req)
	if err != nil {
		return nil, err
	}
	return decodeEntitlementOne(env, epEntitlementsUpdate)
}

// serialRequest is the body of entitlements/stop, /reactivate and /vm/token.
type serialRequest struct {
	SerialNumber string `json:"serialNumber"`
}

// EntitlementsStop stops an entitlement and returns it, now STOPPED
// (entitlements/stop, spec §5.14). It is not retried after the request may
// have left (stopping twice is refused); see ErrOutcomeUnknown.
func (c *Client) EntitlementsStop(ctx context.Context, serial string) (*Entitlement, error) {
	return c.serialCall(ctx, epEntitlementsStop, serial)
}

// EntitlementsReactivate reactivates a STOPPED entitlement and returns it,
// now ACTIVE (entitlements/reactivate, spec §5.15). Retries and unknown
// outcomes are as for EntitlementsStop.
func (c *Client) EntitlementsReactivate(ctx context.Context, serial string) (*Entitlement, error) {
	return c.serialCall(ctx, epEntitlementsReactivate, serial)
}

// EntitlementsRegenerateToken gives a VM entitlement a new license token and
// returns it (entitlements/vm/token, spec §5.16); the old token is revoked.
// It is not safe to repeat; see ErrOutcomeUnknown (list the entitlement to
// read its current token).
func (c *Client) EntitlementsRegenerateToken(ctx context.Context, serial string) (*Entitlement, error) {
	return c.serialCall(ctx, epEntitlementsToken, serial)
}

func (c *Client) serialCall(ctx context.Context, ep endpoint, serial string) (*Entitlement, error) {
	serial = strings.TrimSpace(serial)
	if serial == "" {
		return nil, validationError(ep.name(), "serialNumber is required")
	}
	env, err := c.call(ctx, ep, serialRequest{SerialNumber: serial})
	if err != nil {
		return nil, err
	}
	return decodeEntitlementOne(env, ep)
}

// PointsOptions selects entitlements/points (spec §5.17): StartDate and
// EndDate are required (YYYY-MM-DD recommended), plus ConfigID, or AccountID
// with ProgramSerialNumber. SerialNumber narrows to one entitlement. Empty
// strings and nil are not sent.
type PointsOptions struct {
	StartDate           string `json:"startDate"`
	EndDate             string `json:"endDate"`
	ConfigID            *int   `json:"configId,omitempty"`
	AccountID           *int   `json:"accountId,omitempty"`
	ProgramSerialNumber string `json:"programSerialNumber,omitempty"`
	SerialNumber        string `json:"serialNumber,omitempty"`
}

// EntitlementsPoints returns the points each entitlement consumed between
// StartDate and EndDate (entitlements/points, spec §5.17). How far back the
// API reaches is uncertain (90 days or the program start).
func (c *Client) EntitlementsPoints(ctx context.Context, o PointsOptions) ([]EntitlementPoints, error) {
	op := epEntitlementsPoints.name()
	o.StartDate = strings.TrimSpace(o.StartDate)
	o.EndDate = strings.TrimSpace(o.EndDate)
	o.ProgramSerialNumber = strings.TrimSpace(o.ProgramSerialNumber)
	o.SerialNumber = strings.TrimSpace(o.SerialNumber)
	if o.StartDate == "" || o.EndDate == "" {
		return nil, validationError(op, "startDate and endDate are required")
	}
	start, err := ParseTime(o.StartDate)
	if err != nil {
		return nil, validationError(op, "startDate: %v", err)
	}
	end, err := ParseTime(o.EndDate)
	if err != nil {
		return nil, validationError(op, "endDate: %v", err)
	}
	if end.Before(start) {
		return nil, validationError(op, "endDate %s is before startDate %s", o.EndDate, o.StartDate)
	}
	if err := scopeCheck(op, o.ConfigID, o.AccountID, o.ProgramSerialNumber); err != nil {
		return nil, err
	}
	env, err := c.call(ctx, epEntitlementsPoints, o)
	if err != nil {
		return nil, err
	}
	return decodeEntitlementPoints(env, epEntitlementsPoints)
}

// Transfer is the input of EntitlementsTransfer (spec §5.18).
type Transfer struct {
	SourceAccountID int      // required
	SourceConfigID  int      // required
	TargetAccountID int      // required; same organization as the source
	TargetConfigID  *int     // nil sends null (the API then picks the target configuration)
	SerialNumbers   []string // required: the entitlements to move
}

// transferRequest is the body of entitlements/transfer.
type transferRequest struct {
	SourceAccountID int      `json:"sourceAccountId"`
	SourceConfigID  int      `json:"sourceConfigId"`
	TargetAccountID int      `json:"targetAccountId"`
	TargetConfigID  *int     `json:"targetConfigId"`
	SerialNumbers   []string `json:"serialNumbers"`
}

// EntitlementsTransfer moves entitlements to another account of the same
// organization and returns them (entitlements/transfer, spec §5.18). It is
// not safe to repeat; see ErrOutcomeUnknown (list the target to see what moved).
func (c *Client) EntitlementsTransfer(ctx context.Context, in Transfer) ([]Entitlement, error) {
	op := epEntitlementsTransfer.name()
	for _, f := range []struct {
		name string
		v    int
	}{{"sourceAccountId", in.SourceAccountID}, {"sourceConfigId", in.SourceConfigID}, {"targetAccountId", in.TargetAccountID}} {
		if f.v <= 0 {
			return nil, validationError(op, "%s must be a positive integer, got %d", f.name, f.v)
		}
	}
	if err := positive(op, "targetConfigId", in.TargetConfigID); err != nil {
		return nil, err
	}
	serials, err := serialList(op, in.SerialNumbers)
	if err != nil {
		return nil, err
	}
	req := transferRequest{
		SourceAccountID: in.SourceAccountID,
		SourceConfigID:  in.SourceConfigID,
		TargetAccountID: in.TargetAccountID,
		TargetConfigID:  in.TargetConfigID,
		SerialNumbers:   serials,
	}
	env, err := c.call(ctx, epEntitlementsTransfer, req)
	if err != nil {
		return nil, err
	}
	return decodeEntitlementList(env, epEntitlementsTransfer)
}
