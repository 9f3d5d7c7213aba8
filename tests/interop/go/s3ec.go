// Command s3ec drives the real Go S3 Encryption Client (aws-sdk-go v1 service/s3/s3crypto, Debian
// golang-github-aws-aws-sdk-go-dev) against the playground's emulator over HTTP, S3 and KMS on one endpoint.
// Built offline in GOPATH mode by tests/interop/go-s3ec.ts (GO111MODULE=off GOPATH=/usr/share/gocode).
//
//	s3ec write ENDPOINT BUCKET KMSKEY                  put every fixture case; print them as a JSON array
//	s3ec put ENDPOINT BUCKET KEY KMSKEY MODE BASE64 [CONTEXTJSON]
//	s3ec get ENDPOINT BUCKET KEY KMSKEY                print the decrypted body as base64
//
// MODE: v2 (EncryptionClientV2, kms+context, metadata), v2-instruction (same, instruction file),
// v1-kms-gcm and v1-kms-cbc (the deprecated V1 EncryptionClient: legacy `kms` wrap, AES/GCM or AES/CBC).
// get registers kms+context and AES/GCM only, as a V2 client does by default.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/kms"
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/aws/aws-sdk-go/service/s3/s3crypto"
)

func newSession(endpoint string) *session.Session {
	// The emulator does not check signatures; the SDK still signs. Shared config files are not read.
	return session.Must(session.NewSessionWithOptions(session.Options{
		SharedConfigState: session.SharedConfigDisable,
		Config: aws.Config{
			Endpoint:         aws.String(endpoint),
			Region:           aws.String("us-east-1"),
			S3ForcePathStyle: aws.Bool(true),
			Credentials:      credentials.NewStaticCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""),
		},
	}))
}

func put(sess *session.Session, bucket, key, kmsKey, mode string, body []byte, context map[string]string) error {
	kmsClient := kms.New(sess)
	input := &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)}
	switch mode {
	case "v2", "v2-instruction":
		matdesc := s3crypto.MaterialDescription{}
		for k, v := range context {
			matdesc[k] = aws.String(v)
		}
		builder := s3crypto.AESGCMContentCipherBuilderV2(s3crypto.NewKMSContextKeyGenerator(kmsClient, kmsKey, matdesc))
		client, err := s3crypto.NewEncryptionClientV2(sess, builder, func(o *s3crypto.EncryptionClientOptions) {
			if mode == "v2-instruction" {
				o.SaveStrategy = s3crypto.S3SaveStrategy{Client: s3.New(sess)}
			}
		})
		if err != nil {
			return err
		}
		_, err = client.PutObject(input)
		return err
	case "v1-kms-gcm", "v1-kms-cbc":
		generator := s3crypto.NewKMSKeyGenerator(kmsClient, kmsKey)
		builder := s3crypto.AESGCMContentCipherBuilder(generator)
		if mode == "v1-kms-cbc" {
			builder = s3crypto.AESCBCContentCipherBuilder(generator, s3crypto.AESCBCPadder)
		}
		_, err := s3crypto.NewEncryptionClient(sess, builder).PutObject(input)
		return err
	}
	return fmt.Errorf("unknown mode %s", mode)
}

func get(sess *session.Session, bucket, key, kmsKey string) ([]byte, error) {
	registry := s3crypto.NewCryptoRegistry()
	if err := s3crypto.RegisterKMSContextWrapWithCMK(registry, kms.New(sess), kmsKey); err != nil {
		return nil, err
	}
	if err := s3crypto.RegisterAESGCMContentCipher(registry); err != nil {
		return nil, err
	}
	client, err := s3crypto.NewDecryptionClientV2(sess, registry)
	if err != nil {
		return nil, err
	}
	out, err := client.GetObject(&s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(out.Body)
	return buf.Bytes(), err
}

type fixtureCase struct {
	Name              string            `json:"name"`
	Writer            string            `json:"writer"`
	Mode              string            `json:"mode"`
	PlaintextBase64   string            `json:"plaintextBase64"`
	EncryptionContext map[string]string `json:"encryptionContext,omitempty"`
}

func writeFixtures(sess *session.Session, bucket, kmsKey string) error {
	if _, err := s3.New(sess).CreateBucket(&s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		return err
	}
	hello := []byte("Hello from the Go S3 Encryption Client")
	binary := make([]byte, 1000)
	for i := range binary {
		binary[i] = byte((i*7 + 3) % 256)
	}
	context := map[string]string{"project": "s3-playground", "purpose": "go interop fixture"}
	v2 := "aws-sdk-go " + aws.SDKVersion + " s3crypto.EncryptionClientV2"
	v1 := "aws-sdk-go " + aws.SDKVersion + " s3crypto.EncryptionClient (deprecated V1 client)"
	cases := []struct {
		fixtureCase
		body []byte
	}{
		{fixtureCase{Name: "go-v2-kmscontext-hello", Writer: v2, Mode: "v2"}, hello},
		{fixtureCase{Name: "go-v2-kmscontext-empty", Writer: v2, Mode: "v2"}, []byte{}},
		{fixtureCase{Name: "go-v2-kmscontext-binary-1000", Writer: v2, Mode: "v2"}, binary},
		{fixtureCase{Name: "go-v2-kmscontext-context", Writer: v2, Mode: "v2", EncryptionContext: context}, hello},
		{fixtureCase{Name: "go-v2-kmscontext-instruction-file", Writer: v2 + ", S3SaveStrategy", Mode: "v2-instruction"}, hello},
		{fixtureCase{Name: "go-legacy-kms-gcm", Writer: v1, Mode: "v1-kms-gcm"}, hello},
		{fixtureCase{Name: "go-legacy-kms-cbc", Writer: v1 + ", AESCBCContentCipherBuilder", Mode: "v1-kms-cbc"}, binary},
	}
	written := []fixtureCase{}
	for _, c := range cases {
		if err := put(sess, bucket, c.Name, kmsKey, c.Mode, c.body, c.EncryptionContext); err != nil {
			return fmt.Errorf("%s: %w", c.Name, err)
		}
		c.PlaintextBase64 = base64.StdEncoding.EncodeToString(c.body)
		written = append(written, c.fixtureCase)
	}
	return json.NewEncoder(os.Stdout).Encode(written)
}

func main() {
	args := os.Args[1:]
	usage := "usage: s3ec write ENDPOINT BUCKET KMSKEY | put ENDPOINT BUCKET KEY KMSKEY MODE BASE64 [CONTEXTJSON] | get ENDPOINT BUCKET KEY KMSKEY"
	if len(args) < 4 {
		fail(fmt.Errorf(usage))
	}
	sess := newSession(args[1])
	switch {
	case args[0] == "write" && len(args) == 4:
		fail(writeFixtures(sess, args[2], args[3]))
	case args[0] == "put" && (len(args) == 7 || len(args) == 8):
		body, err := base64.StdEncoding.DecodeString(args[6])
		fail(err)
		context := map[string]string{}
		if len(args) == 8 {
			fail(json.Unmarshal([]byte(args[7]), &context))
		}
		fail(put(sess, args[2], args[3], args[4], args[5], body, context))
	case args[0] == "get" && len(args) == 5:
		body, err := get(sess, args[2], args[3], args[4])
		fail(err)
		fmt.Print(base64.StdEncoding.EncodeToString(body))
	default:
		fail(fmt.Errorf(usage))
	}
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
