# Renders liquid-spec specs with the installed Ruby Liquid (Debian's ruby-liquid 5.4, the one Debian's
# jekyll uses) and prints what it produced, as JSON, for test/fidelity/liquid-spec.mjs to judge disputed
# specs by. Input (stdin, JSON): [{ "id", "file", "index", "mode", "render_errors" }]; the template and
# environment are read from the spec file itself.
# Output: { id => { "output" => String } | { "parse_error" => msg } | { "render_error" => msg } }.
require 'json'
require 'yaml'
require 'liquid'

jobs = JSON.parse($stdin.read)
files = {}
out = {}
jobs.each do |job|
  doc = (files[job['file']] ||= YAML.unsafe_load(File.read(job['file'])))
  specs = doc.is_a?(Hash) ? doc['specs'] : doc
  spec = specs[job['index']]
  begin
    template = Liquid::Template.parse(spec['template'].to_s, error_mode: job['mode'].to_sym, line_numbers: true)
  rescue StandardError, SystemStackError => e
    out[job['id']] = { 'parse_error' => e.message.to_s.dup.force_encoding('UTF-8').scrub }
    next
  end
  env = spec['environment'].is_a?(Hash) ? spec['environment'] : {}
  begin
    result = if job['render_errors']
      template.render(env)
    else
      template.render!(env)
    end
    out[job['id']] = { 'output' => result.to_s.dup.force_encoding('UTF-8').scrub }
  rescue StandardError, SystemStackError => e
    out[job['id']] = { 'render_error' => e.message.to_s.dup.force_encoding('UTF-8').scrub }
  end
end
puts JSON.generate(out)
