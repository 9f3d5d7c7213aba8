import { describe, expect, it } from 'vitest'
import { tokenize } from '@/lib/cli/shell/tokenize'

const words = (line: string, env = {}) => {
  const r = tokenize(line, env)
  if (r.incomplete) throw new Error('incomplete')
  return r.tokens.map((t) => (t.kind === 'word' ? t.value : `<${t.value}>`))
}

describe('tokenize', () => {
  it('splits on blanks and keeps quoted text whole', () => {
    expect(words(`aws s3api put-bucket-encryption --x '{"Rules": [1]}'`)).toEqual([
      'aws',
      's3api',
      'put-bucket-encryption',
      '--x',
      '{"Rules": [1]}',
    ])
    expect(words('echo "a  b" c\\ d')).toEqual(['echo', 'a  b', 'c d'])
    expect(words(`echo ''`)).toEqual(['echo', ''])
  })

  it('expands variables outside single quotes only', () => {
    expect(words('echo $B "${B}x" \'$B\'', { B: 'bucket' })).toEqual(['echo', 'bucket', 'bucketx', '$B'])
    expect(words('echo $UNSET.', {})).toEqual(['echo', '.'])
  })

  it('recognises operators, even without spaces', () => {
    expect(words('echo hi>f.txt&&cat f.txt|wc;ls >> log')).toEqual([
      'echo',
      'hi',
      '<>>',
      'f.txt',
      '<&&>',
      'cat',
      'f.txt',
      '<|>',
      'wc',
      '<;>',
      'ls',
      '<>>>',
      'log',
    ])
  })

  it('reports open quotes and a trailing backslash as incomplete', () => {
    expect(tokenize(`echo '{"a":`).incomplete).toBe(true)
    expect(tokenize('echo "abc').incomplete).toBe(true)
    expect(tokenize('aws s3 ls \\').incomplete).toBe(true)
    expect(tokenize('aws s3 \\\nls').incomplete).toBe(false)
    expect(words('aws s3 \\\nls')).toEqual(['aws', 's3', 'ls'])
  })
})
