{{/* The app name in labels: the chart's, or nameOverride. */}}
{{- define "s3share.appName" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/*
The name of every object: fullnameOverride, else <release>-<nameOverride>, else the release name.
Without overrides it stays the release name, so upgrades keep the names earlier releases used.
*/}}
{{- define "s3share.name" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if .Values.nameOverride }}
{{- printf "%s-%s" .Release.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end -}}

{{- define "s3share.labels" -}}
app.kubernetes.io/name: {{ include "s3share.appName" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "s3share.selector" -}}
app.kubernetes.io/name: {{ include "s3share.appName" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "s3share.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicas) 1) }}true{{ end -}}
{{- end -}}

{{- define "s3share.secretNamespaces" -}}
{{- if .Values.awsAccountSecretNamespaces }}{{ join "," .Values.awsAccountSecretNamespaces }}{{ else }}{{ .Release.Namespace }}{{ end -}}
{{- end -}}
