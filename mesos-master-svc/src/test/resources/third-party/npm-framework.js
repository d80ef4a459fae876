"use strict";
// A third-party Mesos v1 HTTP framework, the npm library mesos-framework, as its users write one:
// subscribe to the master at MESOS_MASTER_HOST:MESOS_MASTER_PORT, launch one command task, follow it
// to TASK_FINISHED, acknowledging every update, then tear down. Prints "RESULT <states>" and exits 0
// on TASK_FINISHED; 2 on a failed task, 3 on a timeout. Run by NpmFrameworkIT.
var mesosFramework = require("mesos-framework");
var Mesos = mesosFramework.Mesos.getMesos();
var seen = [];
var scheduler = new mesosFramework.Scheduler({
    masterUrl: process.env.MESOS_MASTER_HOST,
    port: Number(process.env.MESOS_MASTER_PORT),
    frameworkName: "npm-mesos-framework",
    logging: { level: "warn" },
    restartStates: [],
    tasks: {
        once: {
            priority: 1,
            instances: 1,
            commandInfo: new Mesos.CommandInfo(null, null, true, "echo hello; sleep 1", null, null),
            resources: { cpus: 0.1, mem: 32, ports: 1, disk: 0 }
        }
    },
    handlers: {
        UPDATE: function (update) {
            var status = update.status;
            seen.push(status.state);
            console.log("UPDATE " + status.task_id.value + " " + status.state + " " + (status.message || ""));
            if (status.uuid) {
                this.acknowledge(update);
            }
            if (status.state === "TASK_FINISHED") {
                console.log("RESULT " + seen.join(","));
                this.teardown();
                setTimeout(function () { process.exit(0); }, 500);
            } else if (["TASK_FAILED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED"].indexOf(status.state) >= 0) {
                console.log("RESULT " + seen.join(","));
                process.exit(2);
            }
        }
    }
});
scheduler.on("subscribed", function (subscribed) {
    console.log("SUBSCRIBED " + subscribed.frameworkId);
});
scheduler.on("error", function (error) {
    console.log("ERROR " + (error.message || JSON.stringify(error)));
});
scheduler.on("ready", function () {
    scheduler.subscribe();
});
setTimeout(function () {
    console.log("RESULT TIMEOUT " + seen.join(","));
    process.exit(3);
}, 60000);
