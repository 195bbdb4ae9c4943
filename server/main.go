package main

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mattermost/mattermost/server/public/plugin"
)

func main() {
	p := &Plugin{}
	// Once the server is gone, writes to the pipes it read from fail; they must not kill the
	// process before it has stopped its command-line tools.
	signal.Ignore(syscall.SIGPIPE)
	go watchServer(os.Getppid, time.Second, nil, func() {
		p.stopBridge()
		os.Exit(1)
	})
	plugin.ClientMain(p)
}
