// break-cache puts a stopped engine's cache into the state Dagger v0.19.10
// once left behind in CI, for hack/engine-test: a record that claims to be
// mutable while its snapshot is committed. The engine then refuses to start
// ("failed to create base worker: ... not active or view"), which is what
// hack/engine up must recover from.
//
// Usage: go run ./hack/break-cache <engine root>/worker/metadata_v2.db
// It prints the ID of the record it changed.
package main

import (
	"errors"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// The buildkit metadata store: bucket _main holds a bucket per record.
const (
	mainBucket      = "_main"
	committedKey    = "snapshot.committed"
	snapshotKey     = "cache.snapshot"
	equalMutableKey = "cache.equalMutable"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: break-cache <metadata_v2.db>")
		os.Exit(2)
	}
	id, err := unmarkCommitted(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "break-cache:", err)
		os.Exit(1)
	}
	fmt.Println(id)
}

// unmarkCommitted deletes the committed mark of one record whose committed
// snapshot has the record's own ID, and returns that ID. (A record with an
// equal mutable has no snapshot of its own yet: the engine would drop it.)
func unmarkCommitted(dbPath string) (string, error) {
	if _, err := os.Stat(dbPath); err != nil {
		return "", err
	}
	db, err := bolt.Open(dbPath, 0o600, nil)
	if err != nil {
		return "", err
	}
	defer db.Close()
	var changed string
	err = db.Update(func(tx *bolt.Tx) error {
		records := tx.Bucket([]byte(mainBucket))
		if records == nil {
			return fmt.Errorf("%s has no %s bucket", dbPath, mainBucket)
		}
		return records.ForEachBucket(func(id []byte) error {
			rec := records.Bucket(id)
			ownSnapshot := string(rec.Get([]byte(snapshotKey))) == fmt.Sprintf(`{"value":%q}`, id)
			if changed != "" || rec.Get([]byte(committedKey)) == nil || !ownSnapshot || len(rec.Get([]byte(equalMutableKey))) > 0 {
				return nil
			}
			changed = string(id)
			return rec.Delete([]byte(committedKey))
		})
	})
	if err == nil && changed == "" {
		err = errors.New("no committed record whose snapshot has its own ID")
	}
	return changed, err
}
