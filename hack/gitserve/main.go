// gitserve serves the git repositories under a directory over git's smart
// HTTP protocol (git http-backend as a CGI program), for tests that load
// modules from a git remote on loopback: `gitserve -root DIR -addr
// 127.0.0.1:80` serves DIR/<name>.git at http://127.0.0.1/<name>.git.
package main

import (
	"flag"
	"log"
	"net/http"
	"net/http/cgi"
	"os/exec"
	"strings"
)

func main() {
	root := flag.String("root", "", "directory holding the bare repositories")
	addr := flag.String("addr", "127.0.0.1:80", "address to listen on (loopback)")
	flag.Parse()
	if *root == "" || !strings.HasPrefix(*addr, "127.") {
		log.Fatal("usage: gitserve -root DIR [-addr 127.0.0.1:PORT] (loopback only)")
	}
	git, err := exec.LookPath("git")
	if err != nil {
		log.Fatal(err)
	}
	backend := &cgi.Handler{
		Path: git,
		Args: []string{"http-backend"},
		Env:  []string{"GIT_PROJECT_ROOT=" + *root, "GIT_HTTP_EXPORT_ALL=1"},
	}
	log.Printf("serving %s on http://%s/", *root, *addr)
	log.Fatal(http.ListenAndServe(*addr, backend))
}
