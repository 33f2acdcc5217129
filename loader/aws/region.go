package aws

import (
	"context"
	"fmt"
	"strings"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/netlint/netlint/model"
)

// IAM service prefixes: ReadError.Service + ":" + Op is the IAM action.
const (
	svcEC2        = "ec2"
	svcDX         = "directconnect"
	svcCloudWatch = "cloudwatch"
)

// reader reads one account×region into its own network, so that units never
// share maps while they run.
type reader struct {
	ctx     context.Context
	unit    unit
	account string
	region  string
	ec2     *ec2.Client
	dx      *directconnect.Client
	cw      *cloudwatch.Client

	net   *model.Network
	facts *facts
	errs  []ReadError
	// stopped marks services that cannot answer in this unit at all.
	stopped map[string]bool
}

func newReader(ctx context.Context, u unit) *reader {
	cfg := u.account.cfg.Copy()
	cfg.Region = u.region
	return &reader{
		ctx:     ctx,
		unit:    u,
		account: u.account.id,
		region:  u.region,
		ec2:     ec2.NewFromConfig(cfg),
		dx:      directconnect.NewFromConfig(cfg),
		cw:      cloudwatch.NewFromConfig(cfg),
		net:     model.New(),
		facts:   newFacts(),
		stopped: map[string]bool{},
	}
}

// read reads the unit's three services in turn; done, when set, is called as
// each finishes.
func (r *reader) read(done func(Step)) {
	r.service(svcEC2, done, func() {
		r.readVPCs()
		r.readSubnets()
		r.readRouteTables()
		r.readVPNGateways()
		r.readCustomerGateways()
		r.readVPNConnections()
		r.readTransitGateways()
		r.readPeerings()
		r.readVPCEndpoints()
		r.readEndpointServices()
		r.readClientVPNEndpoints()
		r.readInstances()
		r.readNetworkInterfaces()
		r.readSecurityGroups()
	})
	r.service(svcDX, done, func() {
		r.readDXConnections()
		r.readDXLAGs()
		r.readDXVIFs()
		if r.unit.global {
			r.readDXGateways()
		}
	})
	r.service(svcCloudWatch, done, r.readAlarms)
}

// service runs the reads of one service and reports the step.
func (r *reader) service(name string, done func(Step), reads func()) {
	start, failedBefore := time.Now(), len(r.errs)
	reads()
	if done == nil {
		return
	}
	failed := 0
	for _, e := range r.errs[failedBefore:] {
		if e.Service == name {
			failed++
		}
	}
	done(Step{Account: r.account, Region: r.region, Service: name, Counts: counts(name, r.net),
		Failed: failed, Elapsed: time.Since(start)})
}

// call runs one read. A failure is recorded; when it means the service cannot
// answer in this account and region at all, later calls to it are skipped
// rather than each failing the same way. Once the load has ended (interrupted,
// or out of time) no call is made: each service records why it was not read.
func (r *reader) call(service, op string, fn func() error) bool {
	if r.stopped[service] {
		return false
	}
	var err error
	if err = r.ctx.Err(); err == nil {
		err = protect(fn)
	}
	if err != nil {
		err = stopped(r.ctx, err)
		r.errs = append(r.errs, ReadError{Account: r.account, Region: r.region, Service: service, Op: op, Err: err})
		if stopsService(err) {
			r.stopped[service] = true
		}
		return false
	}
	return true
}

// protect runs fn and turns a panic in it (a netlint bug, or an answer the
// SDK chokes on) into its error: one failed read, not an audit that dies
// with a goroutine dump.
func protect(fn func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error, please report it: panic: %v", v)
		}
	}()
	return fn()
}

// meta fills what every element carries. owner is the account AWS reports as the
// resource's owner; it differs from the account read for shared or cross-account
// resources, and using it keeps an element identical whichever side read it.
func (r *reader) meta(id, typ, owner string, tags map[string]string) model.Meta {
	if owner == "" {
		owner = r.account
	}
	return model.Meta{
		ID:      id,
		Type:    typ,
		Address: id,
		AWSID:   id,
		Name:    tags["Name"],
		Region:  r.region,
		Account: owner,
		Tags:    tags,
	}
}

// gone reports lifecycle states in which a resource no longer carries traffic
// and will disappear from the API: it is left out of the model.
func gone(state string) bool {
	switch strings.ToLower(state) {
	case "deleted", "deleting", "rejected", "rejecting", "failed", "failing", "expired",
		"terminated", "shutting-down", "disassociated", "disassociating", "detached", "detaching":
		return true
	}
	return false
}

// list turns a nil slice into an empty one, so that the policy input has []
// rather than null where the model has no omitempty.
func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func str(p *string) string { return awssdk.ToString(p) }
