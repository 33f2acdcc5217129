package aws

import (
	"context"
	"errors"
	"fmt"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/ec2rolecreds"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
)

// ErrNoCredentials is returned when the default chain found no credentials at
// all: no environment keys, no profile with credentials, no SSO session, no
// instance role.
var ErrNoCredentials = errors.New("no AWS credentials found: set AWS_PROFILE, run `aws sso login`, " +
	"or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")

// checkCredentials gets the caller's credentials once before any call, so that
// missing or expired ones are one actionable error rather than the SDK's chain
// of causes repeated for every account and region. The credentials are cached:
// the calls that follow reuse them.
func checkCredentials(ctx context.Context, cfg awssdk.Config, o Options) error {
	if cfg.Credentials == nil {
		return ErrNoCredentials
	}
	cctx, cancel := context.WithTimeout(ctx, o.CallTimeout)
	defer cancel()
	_, err := cfg.Credentials.Retrieve(cctx)
	if err == nil {
		return nil
	}
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("get AWS credentials: %s", (&stopError{cause: context.Cause(ctx), err: err}).reason())
	case awssdk.IsCredentialsProvider(cfg.Credentials, (*ec2rolecreds.Provider)(nil)):
		// Nothing else in the chain had credentials, and there is no instance
		// role to fall back on.
		return ErrNoCredentials
	case awssdk.IsCredentialsProvider(cfg.Credentials, (*ssocreds.Provider)(nil)):
		return fmt.Errorf("the AWS SSO session of the profile has expired or was never started: run `aws sso login` (%s)", oneLine(innermost(err).Error()))
	case cctx.Err() != nil:
		return fmt.Errorf("get AWS credentials: timed out after %s", o.CallTimeout)
	}
	return fmt.Errorf("get AWS credentials: %s", oneLine(innermost(err).Error()))
}
