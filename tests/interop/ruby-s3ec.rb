# The real Ruby S3 Encryption Client (Debian ruby-aws-sdk-s3, Aws::S3::EncryptionV2::Client) against the
# playground's emulator over HTTP. Two modes:
#   ruby ruby-s3ec.rb write ENDPOINT OUTDIR           encrypt fixtures, store each as JSON (metadata + ciphertext + key)
#   ruby ruby-s3ec.rb read ENDPOINT BUCKET KEY SPEC [instruction]
#   ruby ruby-s3ec.rb put ENDPOINT BUCKET KEY SPEC BASE64BODY   encrypt one object
#        SPEC = aes:BASE64KEY | rsa:PEMFILE | kms:KEYID   decrypt one object, print the plaintext as base64
require 'aws-sdk-s3'
require 'aws-sdk-kms'
require 'base64'
require 'json'
require 'openssl'

def plain_client(endpoint)
  # The emulator does not check signatures; the SDK still signs.
  Aws::S3::Client.new(endpoint: endpoint, region: 'us-east-1', force_path_style: true,
                      credentials: Aws::Credentials.new('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'))
end

def kms_client(endpoint)
  Aws::KMS::Client.new(endpoint: endpoint, region: 'us-east-1',
                       credentials: Aws::Credentials.new('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'))
end

def encryption_client(endpoint, spec, location = :metadata)
  kind, value = spec.split(':', 2)
  common = { client: plain_client(endpoint), content_encryption_schema: :aes_gcm_no_padding,
             security_profile: :v2, envelope_location: location }
  case kind
  when 'aes' then Aws::S3::EncryptionV2::Client.new(**common, encryption_key: Base64.strict_decode64(value), key_wrap_schema: :aes_gcm)
  when 'rsa' then Aws::S3::EncryptionV2::Client.new(**common, encryption_key: OpenSSL::PKey::RSA.new(File.read(value)), key_wrap_schema: :rsa_oaep_sha1)
  when 'kms' then Aws::S3::EncryptionV2::Client.new(**common, kms_key_id: value, kms_client: kms_client(endpoint), key_wrap_schema: :kms_context)
  else abort "unknown key spec #{spec}"
  end
end

def write_fixtures(endpoint, outdir)
  bucket = 'ruby-s3ec-fixtures'
  s3 = plain_client(endpoint)
  s3.create_bucket(bucket: bucket)
  aes_key = OpenSSL::Random.random_bytes(32)
  rsa = OpenSSL::PKey::RSA.new(2048)
  rsa_file = File.join(outdir, '.rsa-key.pem')
  File.write(rsa_file, rsa.to_pem)
  bodies = { 'hello' => 'Hello from the Ruby S3 Encryption Client', 'empty' => '',
             'binary-1000' => (0...1000).map { |i| (i * 7 + 3) % 256 }.pack('C*') }
  cases = []
  bodies.each { |name, body| cases << ["ruby-v2-aesgcm-#{name}", "aes:#{Base64.strict_encode64(aes_key)}", :metadata, body] }
  cases << ['ruby-v2-aesgcm-instruction-file', "aes:#{Base64.strict_encode64(aes_key)}", :instruction_file, bodies['hello']]
  %w[hello binary-1000].each { |name| cases << ["ruby-v2-rsaoaep-#{name}", "rsa:#{rsa_file}", :metadata, bodies[name]] }
  # Legacy V1 (Aws::S3::Encryption::Client): AES/ECB or RSA PKCS#1 v1.5 key wrap, AES/CBC content.
  cases << ['ruby-v1-legacy-aes-cbc', "v1aes:#{Base64.strict_encode64(aes_key)}", :metadata, bodies['hello']]
  cases << ['ruby-v1-legacy-rsa-cbc', "v1rsa:#{rsa_file}", :metadata, bodies['hello']]
  cases.each do |name, spec, location, body|
    writer = if spec.start_with?('v1aes:') then Aws::S3::Encryption::Client.new(client: s3, encryption_key: aes_key)
             elsif spec.start_with?('v1rsa:') then Aws::S3::Encryption::Client.new(client: s3, encryption_key: rsa)
             else encryption_client(endpoint, spec, location)
             end
    writer.put_object(bucket: bucket, key: name, body: body)
    raw = s3.get_object(bucket: bucket, key: name)
    fixture = {
      writer: "ruby aws-sdk-s3 #{Aws::S3::GEM_VERSION} " + (spec.start_with?('v1') ? 'Aws::S3::Encryption::Client (legacy V1)' : 'Aws::S3::EncryptionV2::Client (security_profile :v2)'),
      name: name, wrap: { 'aes' => 'AES/GCM', 'rsa' => 'RSA-OAEP-SHA1', 'v1aes' => 'AES (V1, AES/ECB)', 'v1rsa' => 'RSA (V1, PKCS#1 v1.5)' }[spec.split(':').first],
      key: spec.include?('aes:') ? { aes: Base64.strict_encode64(aes_key) }
                                   : { rsaPrivateKeyPem: rsa.to_pem, rsaPrivateKeyPkcs8Pem: rsa.private_to_pem },
      plaintextBase64: Base64.strict_encode64(body),
      metadata: raw.metadata,
      ciphertextBase64: Base64.strict_encode64(raw.body.read)
    }
    if location == :instruction_file
      fixture[:instructionFile] = s3.get_object(bucket: bucket, key: "#{name}.instruction").body.read
    end
    File.write(File.join(outdir, "#{name}.json"), JSON.pretty_generate(fixture) + "\n")
    puts "wrote #{name}"
  end
  File.delete(rsa_file)
end

def read_object(endpoint, bucket, key, spec, location)
  # Debian's aws-sdk-kms 1.24 has no Decrypt key_id parameter, so KMS reads use any-CMK mode (the ciphertext names its key).
  extra = spec.start_with?('kms:') ? { kms_allow_decrypt_with_any_cmk: true } : {}
  out = encryption_client(endpoint, spec, location).get_object(bucket: bucket, key: key, **extra)
  print Base64.strict_encode64(out.body.read)
end

case ARGV[0]
when 'write' then write_fixtures(ARGV[1], ARGV[2])
when 'put' then encryption_client(ARGV[1], ARGV[4]).put_object(bucket: ARGV[2], key: ARGV[3], body: Base64.strict_decode64(ARGV[5]), kms_encryption_context: {})
when 'read' then read_object(ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5] == 'instruction' ? :instruction_file : :metadata)
else abort 'usage: ruby-s3ec.rb write ENDPOINT OUTDIR | read ENDPOINT BUCKET KEY SPEC [instruction]'
end
