package main

import (
	_ "github.com/aws/aws-sdk-go-v2/config"
	_ "github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	_ "github.com/aws/aws-sdk-go-v2/service/directconnect"
	_ "github.com/aws/aws-sdk-go-v2/service/ec2"
	_ "github.com/aws/aws-sdk-go-v2/service/sts"
	_ "github.com/hashicorp/hcl/v2/hclparse"
	_ "github.com/hashicorp/terraform-json"
	_ "github.com/open-policy-agent/opa/v1/rego"
	_ "github.com/owenrumney/go-sarif/v2/sarif"
	_ "github.com/santhosh-tekuri/jsonschema/v6"
	_ "github.com/spf13/cobra"
	_ "go4.org/netipx"
	_ "gopkg.in/yaml.v3"
	_ "golang.org/x/term"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/invopop/jsonschema"
)

func main() {}
