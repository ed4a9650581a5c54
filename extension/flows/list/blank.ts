/** What "New integration" starts from: the smallest valid document, one manual flow to fill in. */
export const blankIntegrationYaml = `weft: integration/v1
name: New integration
description: What it does, in a sentence.
category: General
labels: []
configVars: []
flows:
  - id: main
    name: Main flow
    trigger:
      type: manual
    steps: []
`;
