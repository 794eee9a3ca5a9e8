// Command fortiflexvm is the one multi-call binary behind every module of
// flexgo.fortiflexvm. Ansible runs it with the path of a JSON arguments file;
// it dispatches on the module name found there.
package main

import (
	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/modules/all"
)

func main() {
	ansiblemod.Main(all.Modules())
}
