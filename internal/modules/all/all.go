// Package all lists every module the binary implements.
package all

import (
	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/modules/cataloginfo"
	"github.com/flexgo/fortiflexvm/internal/modules/cloudentitlement"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
	"github.com/flexgo/fortiflexvm/internal/modules/config"
	"github.com/flexgo/fortiflexvm/internal/modules/configscreate"
	"github.com/flexgo/fortiflexvm/internal/modules/configslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/configsupdate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlement"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementscloudcreate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementshardwarecreate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementspointsinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsupdate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsvmcreate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsvmregeneratetoken"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementtransfer"
	"github.com/flexgo/fortiflexvm/internal/modules/groupslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/groupsnexttokeninfo"
	"github.com/flexgo/fortiflexvm/internal/modules/hardwareentitlements"
	"github.com/flexgo/fortiflexvm/internal/modules/programinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/programslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/toolscalcinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/vmpool"
)

// Modules returns every module, sorted by name.
func Modules() []*ansiblemod.Module {
	return []*ansiblemod.Module{
		cataloginfo.Module,
		cloudentitlement.Module,
		config.Module,
		configscreate.Module,
		configslistinfo.Module,
		configsupdate.Module,
		entitlement.Module,
		entitlementtransfer.Module,
		entitlementscloudcreate.Module,
		entitlementshardwarecreate.Module,
		entitlementslistinfo.Module,
		entitlementspointsinfo.Module,
		entitlementsupdate.Module,
		entitlementsvmcreate.Module,
		entitlementsvmregeneratetoken.Module,
		groupslistinfo.Module,
		groupsnexttokeninfo.Module,
		hardwareentitlements.Module,
		programinfo.Module,
		programslistinfo.Module,
		toolscalcinfo.Module,
		vmpool.Module,
	}
}

// Fragments returns every doc fragment the modules use.
func Fragments() []*ansiblemod.Fragment {
	return []*ansiblemod.Fragment{common.Connection}
}
