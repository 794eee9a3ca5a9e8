// Package all lists every module the binary implements.
package all

import (
	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
	"github.com/flexgo/fortiflexvm/internal/modules/configslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/programslistinfo"
)

// Modules returns every module, sorted by name.
func Modules() []*ansiblemod.Module {
	return []*ansiblemod.Module{
		configslistinfo.Module,
		programslistinfo.Module,
	}
}

// Fragments returns every doc fragment the modules use.
func Fragments() []*ansiblemod.Fragment {
	return []*ansiblemod.Fragment{common.Connection}
}
