{
  "mediaType" : "application/vnd.dev.sigstore.bundle.v0.3+json",
  "verificationMaterial" : {
    "publicKey" : {
      "hint" : "41cdc90c4009e526df931fceda21d2c8d8d67f60377b876a89452c16f4407583"
    },
    "tlogEntries" : [ ]
  },
  "dsseEnvelope" : {
    "payload" : "eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEiLCJzdWJqZWN0IjpbeyJuYW1lIjoic2lnbmVkLW1vZGVsIiwiZGlnZXN0Ijp7InNoYTI1NiI6ImVhYWQxZGUwOTg0OTU5N2JkNDgyNzg0NTk4MzMxNzM1NjMyZTc3YjVmYzJiMWJiMDhhODlhODc2MzJlOTMwZjIifX1dLCJwcmVkaWNhdGVUeXBlIjoiaHR0cHM6Ly9tb2RlbF9zaWduaW5nL3NpZ25hdHVyZS92MS4wIiwicHJlZGljYXRlIjp7InNlcmlhbGl6YXRpb24iOnsibWV0aG9kIjoiZmlsZXMiLCJoYXNoX3R5cGUiOiJzaGEyNTYiLCJhbGxvd19zeW1saW5rcyI6ZmFsc2UsImlnbm9yZV9wYXRocyI6WyIuZ2l0IiwiLmdpdGF0dHJpYnV0ZXMiLCIuZ2l0aHViIiwiLmdpdGlnbm9yZSIsIm1vZGVsLnNpZyJdfSwicmVzb3VyY2VzIjpbeyJuYW1lIjoiUkVBRE1FLm1kIiwiYWxnb3JpdGhtIjoic2hhMjU2IiwiZGlnZXN0IjoiZjczYmJiYTRhYWNlY2YwZTk0NTkyYzM4NjAwZjMyYWMwODk5ZmRhZWZiZWM1ZjI2MzhlZjBkODU5MDI0MWJjNCJ9LHsibmFtZSI6ImNvbmZpZy5qc29uIiwiYWxnb3JpdGhtIjoic2hhMjU2IiwiZGlnZXN0IjoiN2ZjMGYwY2ZjZjU4MjVmZTRjZGUwNDFjMzJkZTVkNTljYjk0NmY1Mjc2ZTc2YmZhZTg4ZTA1NmM4OWJjNjY4MSJ9LHsibmFtZSI6Im1vZGVsLnNhZmV0ZW5zb3JzIiwiYWxnb3JpdGhtIjoic2hhMjU2IiwiZGlnZXN0IjoiM2ZiNWZlYmQ4YmRjN2I5MjE3OWMxOTc5MTA3MWMyNWNmNWNkZjQ3NGVkMjAxZjQzMzUzODdmYzU5NTJiZWU1MSJ9XX19",
    "payloadType" : "application/vnd.in-toto+json",
    "signatures" : [ {
      "sig" : "MEUCIQCStNB+VW//s0sGW4VGowySEi0mBboVaOzjqXUnplmSDwIgacsn5Xjx457/nPO5qe69RCRAA9EcahOs4KvikW+EKlU=",
      "keyid" : ""
    } ]
  }
}
