{{- define "s3share.name" -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}

{{- define "s3share.labels" -}}
app.kubernetes.io/name: s3-share-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "s3share.selector" -}}
app.kubernetes.io/name: s3-share-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "s3share.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicas) 1) }}true{{ end -}}
{{- end -}}

{{- define "s3share.secretNamespaces" -}}
{{- if .Values.awsAccountSecretNamespaces }}{{ join "," .Values.awsAccountSecretNamespaces }}{{ else }}{{ .Release.Namespace }}{{ end -}}
{{- end -}}
