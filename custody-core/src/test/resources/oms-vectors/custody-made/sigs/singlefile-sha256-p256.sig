{
  "mediaType" : "application/vnd.dev.sigstore.bundle.v0.3+json",
  "verificationMaterial" : {
    "publicKey" : {
      "hint" : "1365f65b07af595ff51652fd76cac74822d9becae3a2f965123e99664a4b85c3"
    },
    "tlogEntries" : [ ]
  },
  "dsseEnvelope" : {
    "payload" : "eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEiLCJzdWJqZWN0IjpbeyJuYW1lIjoibW9kZWwuc2FmZXRlbnNvcnMiLCJkaWdlc3QiOnsic2hhMjU2IjoiYjZhNDhmNTk4Y2FlNGEwODcxZmVjYTJlMThlZDdjMmE3OTUxOTE4NzgxZDRiZGVhZjA1MjBlNDYwOTJjYTYzYiJ9fV0sInByZWRpY2F0ZVR5cGUiOiJodHRwczovL21vZGVsX3NpZ25pbmcvc2lnbmF0dXJlL3YxLjAiLCJwcmVkaWNhdGUiOnsic2VyaWFsaXphdGlvbiI6eyJtZXRob2QiOiJmaWxlcyIsImhhc2hfdHlwZSI6InNoYTI1NiIsImFsbG93X3N5bWxpbmtzIjpmYWxzZSwiaWdub3JlX3BhdGhzIjpbIi5naXQiLCIuZ2l0YXR0cmlidXRlcyIsIi5naXRodWIiLCIuZ2l0aWdub3JlIl19LCJyZXNvdXJjZXMiOlt7Im5hbWUiOiIuIiwiYWxnb3JpdGhtIjoic2hhMjU2IiwiZGlnZXN0IjoiMmM3ZTE4Yzk0MmVmMDY1YjUyNmEyZDRlNTU0NjI4Mzc0OWNkM2RkZmI1MWQ4ZmM3MWY0MjcxNzM2MzY4NWY0NiJ9XX19",
    "payloadType" : "application/vnd.in-toto+json",
    "signatures" : [ {
      "sig" : "MEUCIFUQ63VXxMlUrUETa4aHjqItfmgtnE3h0yhhJE1KftSKAiEA6owayFayQrffTukknw1W75N8APP8Qi8nlkZzgQCAkFY=",
      "keyid" : ""
    } ]
  }
}
